import type { BillingRunResult } from '../../preload/schemas/clients';
import { planBillingRun } from '../engine/billingRun';
import { localDate } from './clock';
import { micros, moneyToText } from '../money';
import { isoNow, type ServiceContext } from './context';
import { AppError } from '../errors';
import { ledgerDoor } from './ledger';

/**
 * Closes every billing cycle due on or before `date`. What each cycle charges is the
 * engine's (main/engine/billingRun.ts: monthly fee, DID fees, a setup fee still owed,
 * missed cycles one by one); here the client package is read, the plan posted through
 * the ledger door, the period closed for invoicing and the next billing date written.
 * Every entry carries a reference, so running twice for one date charges nothing twice.
 */
export async function runBilling(ctx: ServiceContext, input: { date: string }, skipClients: ReadonlySet<number> = new Set()): Promise<BillingRunResult> {
  const allDue = await ctx.db
    .selectFrom('client_packages')
    .select(['id', 'client_id'])
    .where('disconnected_at', 'is', null)
    .where('next_billing_date', '<=', input.date)
    .orderBy('next_billing_date')
    .orderBy('id')
    .execute();
  const due = allDue.filter((row) => !skipClients.has(row.client_id));
  const result = { cyclesClosed: 0, entriesWritten: 0, charged: 0, clients: new Set<number>(), skipped: [] as BillingRunResult['skipped'] };
  const door = ledgerDoor(ctx.store);

  for (const { id, client_id: clientId } of due) {
    // One transaction per client package: a failure leaves the others billed and this one untouched.
    // A refusal (the ledger door's limits) is reported with the result: the run has written the
    // others, so it must not answer "refused" (issue 9). A bug still stops the run.
    try {
      await billClientPackage(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.skipped.push({ clientId, clientPackageId: id, message: error.message });
    }
  }
  return {
    date: input.date,
    cyclesClosed: result.cyclesClosed,
    entriesWritten: result.entriesWritten,
    charged: moneyToText(micros(result.charged)),
    clients: result.clients.size,
    skipped: result.skipped,
  };

  async function billClientPackage(id: number): Promise<void> {
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
      const dids = await trx
        .selectFrom('did_assignments')
        .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
        .select(['did_assignments.id', 'did_assignments.monthly_fee_micros', 'dids.number'])
        .where('did_assignments.client_package_id', '=', id)
        .where('did_assignments.unassigned_at', 'is', null)
        .execute();
      const plan = planBillingRun(
        {
          clientPackageId: id,
          clientId: connection.client_id,
          packageName: connection.name,
          monthlyFee: micros(connection.monthly_fee_micros),
          setupFee: micros(connection.setup_fee_micros),
          billingDay: connection.billing_day,
          nextBillingDate: connection.next_billing_date,
          cycleStartDate: connection.cycle_start_date,
          setupFeePending: connection.setup_fee_pending === 1,
          disconnected: connection.disconnected_at !== null,
        },
        dids.map((did) => ({ assignmentId: did.id, number: did.number, monthlyFee: micros(did.monthly_fee_micros) })),
        input.date,
      );
      if (plan.cycles.length === 0) return;
      const now = isoNow(ctx);
      for (const cycle of plan.cycles) {
        for (const entry of cycle.entries) {
          if (door.post(entry, now) === null) continue;
          result.entriesWritten += 1;
          result.charged -= entry.amount;
          result.clients.add(entry.clientId);
        }
        const closed = await trx
          .insertInto('billing_periods')
          .values({ client_package_id: id, client_id: connection.client_id, period_start: cycle.period.start, period_end: cycle.period.end, closed_at: now })
          .onConflict((oc) => oc.columns(['client_package_id', 'period_start']).doNothing())
          .executeTakeFirst();
        if (Number(closed.numInsertedOrUpdatedRows ?? 0n) > 0) result.cyclesClosed += 1;
      }
      await trx
        .updateTable('client_packages')
        .set({
          cycle_start_date: plan.next.cycleStartDate,
          next_billing_date: plan.next.nextBillingDate,
          setup_fee_pending: plan.next.setupFeePending ? 1 : 0,
        })
        .where('id', '=', id)
        .execute();
    });
  }
}

/** When the app starts: bill every cycle that came due while it was closed (but not the clients startup set aside). */
export const runDueBilling = (ctx: ServiceContext, skipClients?: ReadonlySet<number>): Promise<BillingRunResult> =>
  runBilling(ctx, { date: localDate(ctx.now()) }, skipClients);
