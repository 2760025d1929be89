import type { BillingRunResult } from '../../preload/schemas/clients';
import { dueCycleDates, nextCycleDate } from '../engine/billingDates';
import { localDate } from './clock';
import { micros, moneyToText } from '../money';
import { isoNow, type ServiceContext } from './context';
import { postLedgerEntry } from './ledger';

/**
 * Closes every billing cycle due on or before `date` (DESIGN.md "Balances, billing cycle,
 * invoices"): package monthly fee, each connected DID's monthly fee, a setup fee still
 * owed, free minutes reset (a new cycle starts), the period closed for invoicing, the
 * next billing date moved one month on. Whole months: fees are never prorated.
 * A client package that missed several cycles is billed once per missed cycle, in order.
 * Every entry carries a reference, so running twice for one date charges nothing twice.
 */
export async function runBilling(ctx: ServiceContext, input: { date: string }): Promise<BillingRunResult> {
  const due = await ctx.db
    .selectFrom('client_packages')
    .select(['id'])
    .where('disconnected_at', 'is', null)
    .where('next_billing_date', '<=', input.date)
    .orderBy('next_billing_date')
    .orderBy('id')
    .execute();
  const result = { cyclesClosed: 0, entriesWritten: 0, charged: 0, clients: new Set<number>() };

  for (const { id } of due) {
    // One transaction per client package: a failure leaves the others billed and this one untouched.
    await ctx.db.transaction().execute(async (trx) => {
      const connection = await trx
        .selectFrom('client_packages')
        .innerJoin('packages', 'packages.id', 'client_packages.package_id')
        .select([
          'client_packages.client_id',
          'client_packages.billing_day',
          'client_packages.next_billing_date',
          'client_packages.cycle_start_date',
          'client_packages.setup_fee_pending',
          'client_packages.disconnected_at',
          'packages.name',
          'packages.monthly_fee_micros',
          'packages.setup_fee_micros',
        ])
        .where('client_packages.id', '=', id)
        .executeTakeFirstOrThrow();
      const cycleDates = dueCycleDates(connection.next_billing_date, connection.billing_day, input.date);
      if (connection.disconnected_at !== null || cycleDates.length === 0) return;
      const now = isoNow(ctx);
      let cycleStart = connection.cycle_start_date;
      let setupPending = connection.setup_fee_pending === 1;
      const post = async (entry: Parameters<typeof postLedgerEntry>[2]): Promise<void> => {
        if ((await postLedgerEntry(trx, now, entry)) !== null) {
          result.entriesWritten += 1;
          result.charged -= entry.amount;
          result.clients.add(entry.clientId);
        }
      };

      for (const cycleDate of cycleDates) {
        if (setupPending) {
          await post({
            clientId: connection.client_id,
            kind: 'setup_fee',
            amount: micros(-connection.setup_fee_micros),
            description: `Setup fee: ${connection.name}`,
            occurredOn: cycleDate,
            reference: `setup:${id}`,
            clientPackageId: id,
          });
          setupPending = false;
        }
        if (connection.monthly_fee_micros > 0) {
          await post({
            clientId: connection.client_id,
            kind: 'monthly_fee',
            amount: micros(-connection.monthly_fee_micros),
            description: `Monthly fee: ${connection.name} (from ${cycleDate})`,
            occurredOn: cycleDate,
            reference: `monthly:${id}:${cycleDate}`,
            clientPackageId: id,
          });
        }
        const dids = await trx
          .selectFrom('did_assignments')
          .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
          .select(['did_assignments.id', 'did_assignments.monthly_fee_micros', 'dids.number'])
          .where('did_assignments.client_package_id', '=', id)
          .where('did_assignments.unassigned_at', 'is', null)
          .where('did_assignments.monthly_fee_micros', '>', 0)
          .orderBy('dids.number')
          .execute();
        for (const did of dids) {
          await post({
            clientId: connection.client_id,
            kind: 'did_monthly_fee',
            amount: micros(-did.monthly_fee_micros),
            description: `DID monthly fee: +${did.number} (from ${cycleDate})`,
            occurredOn: cycleDate,
            reference: `did-monthly:${did.id}:${cycleDate}`,
            didAssignmentId: did.id,
          });
        }
        const closed = await trx
          .insertInto('billing_periods')
          .values({ client_package_id: id, client_id: connection.client_id, period_start: cycleStart, period_end: cycleDate, closed_at: now })
          .onConflict((oc) => oc.columns(['client_package_id', 'period_start']).doNothing())
          .executeTakeFirst();
        if (Number(closed.numInsertedOrUpdatedRows ?? 0n) > 0) result.cyclesClosed += 1;
        cycleStart = cycleDate;
      }
      await trx
        .updateTable('client_packages')
        .set({
          cycle_start_date: cycleStart,
          next_billing_date: nextCycleDate(cycleStart, connection.billing_day),
          setup_fee_pending: setupPending ? 1 : 0,
        })
        .where('id', '=', id)
        .execute();
    });
  }
  return {
    date: input.date,
    cyclesClosed: result.cyclesClosed,
    entriesWritten: result.entriesWritten,
    charged: moneyToText(micros(result.charged)),
    clients: result.clients.size,
  };
}

/** When the app starts: bill every cycle that came due while it was closed. */
export const runDueBilling = (ctx: ServiceContext): Promise<BillingRunResult> => runBilling(ctx, { date: localDate(ctx.now()) });
