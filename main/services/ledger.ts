import type { Transaction } from 'kysely';
import type { ClientStatus, Database, LedgerKind } from '../../db/schema';
import { AppError, notFound } from '../errors';
import { formatMoney, micros, type Micros } from '../money';
import { getCurrency } from './settings';

export interface NewLedgerEntry {
  clientId: number;
  kind: LedgerKind;
  /** Signed: + adds to the client's balance (payment), − takes from it (fees, charges, calls). */
  amount: Micros;
  description: string;
  occurredOn: string;
  /** Idempotency key for automatic entries; a second entry with the same reference is skipped. */
  reference?: string;
  reversesEntryId?: number;
  clientPackageId?: number;
  didAssignmentId?: number;
}

/** HARD: suspended at ≤ 0, active above; SOFT: never suspended (Guide: "Adding a client"). */
export function statusFor(mode: 'soft' | 'hard', current: ClientStatus, balance: number): ClientStatus {
  if (current === 'closed') return 'closed';
  if (mode === 'soft') return 'active';
  return balance <= 0 ? 'suspended' : 'active';
}

/**
 * The one door through which money moves. Appends the entry, moves the cached balance
 * in the same transaction, and applies the balance rules (HARD suspension, low-balance
 * notice). Returns null when the reference was already written (nothing happens twice).
 */
export async function postLedgerEntry(trx: Transaction<Database>, createdAt: string, entry: NewLedgerEntry): Promise<number | null> {
  if (!Number.isSafeInteger(entry.amount)) throw new AppError('internal', 'A ledger amount must be integer micros');
  const client = await trx.selectFrom('clients').selectAll().where('id', '=', entry.clientId).executeTakeFirst();
  if (!client) throw notFound(`Client ${entry.clientId}`);
  const inserted = await trx
    .insertInto('ledger_entries')
    .values({
      client_id: entry.clientId,
      kind: entry.kind,
      amount_micros: entry.amount,
      description: entry.description,
      occurred_on: entry.occurredOn,
      created_at: createdAt,
      reference: entry.reference ?? null,
      reverses_entry_id: entry.reversesEntryId ?? null,
      client_package_id: entry.clientPackageId ?? null,
      did_assignment_id: entry.didAssignmentId ?? null,
    })
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;

  const balance = client.balance_micros + entry.amount;
  const status = statusFor(client.balance_mode, client.status, balance);
  const threshold = client.low_balance_threshold_micros;
  const below = threshold !== null && balance < threshold ? 1 : 0;
  await trx
    .updateTable('clients')
    .set({ balance_micros: balance, status, below_threshold: below, updated_at: createdAt })
    .where('id', '=', client.id)
    .execute();

  const name = `${client.first_name} ${client.last_name}`;
  const currency = await getCurrency(trx);
  const notices: { kind: 'suspended' | 'reactivated' | 'low_balance'; message: string }[] = [];
  if (status !== client.status && status === 'suspended') {
    notices.push({ kind: 'suspended', message: `${name} is suspended: HARD balance reached ${formatMoney(micros(balance), currency, 4)}` });
  }
  if (status !== client.status && status === 'active' && client.status === 'suspended') {
    notices.push({ kind: 'reactivated', message: `${name} is active again: balance ${formatMoney(micros(balance), currency, 4)}` });
  }
  if (below === 1 && client.below_threshold === 0 && threshold !== null) {
    notices.push({
      kind: 'low_balance',
      message: `${name}'s balance (${formatMoney(micros(balance), currency, 4)}) fell below the low-balance threshold of ${formatMoney(micros(threshold), currency, 2)}`,
    });
  }
  if (notices.length > 0) {
    await trx
      .insertInto('notices')
      .values(notices.map((notice) => ({ client_id: client.id, kind: notice.kind, message: notice.message, created_at: createdAt })))
      .execute();
  }
  return inserted.id;
}
