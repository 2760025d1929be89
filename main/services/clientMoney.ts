import type { LedgerEntryView, MoneyMovementData, NoticeView } from '../../preload/schemas/clients';
import { monthStart } from '../engine/billingDates';
import { localDate } from './clock';
import { AppError, notFound } from '../errors';
import { bigMicrosToText, micros } from '../money';
import { openClient } from './clients';
import { isoNow, type ServiceContext } from './context';
import { clientLedger, INVOICE_KINDS, KIND_LABELS } from './clientLedger';
import { moneyDoor } from './ledger';
import { sql } from 'kysely';

export { clientLedger };

/** Guide: "Adding Payments manually" — the Payment button of the Balance panel. */
export async function addPayment(ctx: ServiceContext, input: MoneyMovementData): Promise<LedgerEntryView[]> {
  return moveMoney(ctx, input, 'payment', 1);
}

/** Guide: "Add Charges manually" — the Charge button of the Balance panel. */
export async function addCharge(ctx: ServiceContext, input: MoneyMovementData): Promise<LedgerEntryView[]> {
  return moveMoney(ctx, input, 'charge', -1);
}

async function moveMoney(ctx: ServiceContext, input: MoneyMovementData, kind: 'payment' | 'charge', sign: 1 | -1): Promise<LedgerEntryView[]> {
  await ctx.db.transaction().execute(async (trx) => {
    await openClient(trx, input.clientId);
    await moneyDoor(ctx.store).post(
      trx,
      {
        clientId: input.clientId,
        kind,
        amount: micros(sign * input.amount),
        description: input.description || KIND_LABELS[kind],
        occurredOn: localDate(ctx.now()),
      },
      isoNow(ctx),
    );
  });
  return clientLedger(ctx, input.clientId);
}

/** A mistaken entry is undone by a new, opposite entry; the original is never edited (DESIGN.md "Money"). */
export async function reverseEntry(ctx: ServiceContext, input: { entryId: number; reason: string }): Promise<LedgerEntryView[]> {
  const clientId = await ctx.db.transaction().execute(async (trx) => {
    const entry = await trx.selectFrom('ledger_entries').selectAll().where('id', '=', input.entryId).executeTakeFirst();
    if (!entry) throw notFound(`Ledger entry ${input.entryId}`);
    if (entry.kind === 'reversal') throw new AppError('conflict', 'A reversal cannot itself be reversed; add a new payment or charge instead');
    if (INVOICE_KINDS.includes(entry.kind)) {
      throw new AppError('conflict', `A ${KIND_LABELS[entry.kind].toLowerCase()} belongs to an invoice: void the invoice or issue a credit note instead`);
    }
    const already = await trx.selectFrom('ledger_entries').select('id').where('reverses_entry_id', '=', entry.id).executeTakeFirst();
    if (already) throw new AppError('conflict', `Entry ${entry.id} was already reversed by entry ${already.id}`);
    await openClient(trx, entry.client_id);
    await moneyDoor(ctx.store).post(
      trx,
      {
        clientId: entry.client_id,
        kind: 'reversal',
        amount: micros(-entry.amount_micros),
        description: `Reversal of ${KIND_LABELS[entry.kind].toLowerCase()} #${entry.id}${input.reason ? `: ${input.reason}` : ''}`,
        occurredOn: localDate(ctx.now()),
        reversesEntryId: entry.id,
      },
      isoNow(ctx),
    );
    return entry.client_id;
  });
  return clientLedger(ctx, clientId);
}

/**
 * What the client spent since the first of this month (fees, charges and calls; payments
 * excluded). A reversal cancels what it reverses (issue 10): a reversed entry counts for
 * nothing, and neither does its reversal, whichever month each is in.
 */
export async function thisMonthSpend(ctx: ServiceContext, clientId: number): Promise<string> {
  // Summed as text, read as a BigInt, on either store (SQLite sums 64-bit integers exactly, PostgreSQL
  // into a numeric): a month's total is not bounded like a balance is, and must not turn into a float or an error (issue 9).
  const row = await ctx.db
    .selectFrom('ledger_entries as entry')
    .select((eb) => sql<string>`cast(${eb.fn.coalesce(eb.fn.sum<number>('entry.amount_micros'), eb.lit(0))} as text)`.as('spent'))
    .where('entry.client_id', '=', clientId)
    .where('entry.kind', 'not in', ['payment', 'reversal'])
    .where('entry.occurred_on', '>=', monthStart(localDate(ctx.now())))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ledger_entries as reversal').select('reversal.id').whereRef('reversal.reverses_entry_id', '=', 'entry.id'))),
    )
    .executeTakeFirst();
  return bigMicrosToText(-BigInt(row?.spent ?? '0'));
}

export async function listNotices(ctx: ServiceContext, clientId?: number): Promise<NoticeView[]> {
  let query = ctx.db.selectFrom('notices').selectAll().orderBy('id', 'desc').limit(200);
  if (clientId !== undefined) query = query.where('client_id', '=', clientId);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, clientId: row.client_id, kind: row.kind, message: row.message, createdAt: row.created_at }));
}
