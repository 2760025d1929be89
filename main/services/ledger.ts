import type { Selectable, Transaction } from 'kysely';
import type { ClientsTable, ClientStatus, Database, LedgerKind } from '../../db/schema';
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

export interface BalanceOutcome {
  balance: number;
  status: ClientStatus;
  belowThreshold: 0 | 1;
  notices: { kind: 'suspended' | 'reactivated' | 'low_balance'; message: string }[];
}

type ClientForRules = Pick<
  Selectable<ClientsTable>,
  'first_name' | 'last_name' | 'balance_mode' | 'status' | 'balance_micros' | 'low_balance_threshold_micros' | 'below_threshold'
>;

/** The balance rules, pure: what a movement of `amount` does to a client's balance, status and notices. */
export function balanceOutcome(client: ClientForRules, amount: number, currency: string): BalanceOutcome {
  const balance = client.balance_micros + amount;
  const status = statusFor(client.balance_mode, client.status, balance);
  const threshold = client.low_balance_threshold_micros;
  const belowThreshold = threshold !== null && balance < threshold ? 1 : 0;
  const name = `${client.first_name} ${client.last_name}`;
  const shown = formatMoney(micros(balance), currency, 4);
  const notices: BalanceOutcome['notices'] = [];
  if (status !== client.status && status === 'suspended') {
    notices.push({ kind: 'suspended', message: `${name} is suspended: HARD balance reached ${shown}` });
  }
  if (status !== client.status && status === 'active' && client.status === 'suspended') {
    notices.push({ kind: 'reactivated', message: `${name} is active again: balance ${shown}` });
  }
  if (belowThreshold === 1 && client.below_threshold === 0 && threshold !== null) {
    notices.push({
      kind: 'low_balance',
      message: `${name}'s balance (${shown}) fell below the low-balance threshold of ${formatMoney(micros(threshold), currency, 2)}`,
    });
  }
  return { balance, status, belowThreshold, notices };
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

  const currency = await getCurrency(trx);
  const outcome = balanceOutcome(client, entry.amount, currency);
  await trx
    .updateTable('clients')
    .set({ balance_micros: outcome.balance, status: outcome.status, below_threshold: outcome.belowThreshold, updated_at: createdAt })
    .where('id', '=', client.id)
    .execute();
  if (outcome.notices.length > 0) {
    await trx
      .insertInto('notices')
      .values(outcome.notices.map((notice) => ({ client_id: client.id, kind: notice.kind, message: notice.message, created_at: createdAt })))
      .execute();
  }
  return inserted.id;
}
