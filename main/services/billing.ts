import type { BillingRunResult } from '../../preload/schemas/clients';
import { CYCLES_WITHOUT_CONFIRMATION, cyclesDue, latestBillingRunDate, planBillingRun } from '../engine/billingRun';
import { AppError, fieldError } from '../errors';
import { plural } from '../../preload/common/plural';
import { clientName } from './clients';
import { localDate } from './clock';
import { bigMicrosToText, micros } from '../money';
import { isoNow, type ServiceContext } from './context';
import { moneyDoor } from './ledger';
import { lockClient, lockClientPackage, withAdvisoryLock } from './locks';
import { issueForClosedCycle } from './invoices/issue';
import { readInvoiceSettings } from './invoices/settings';

/**
 * Closes every billing cycle due on or before `date`. What each cycle charges is the
 * engine's (main/engine/billingRun.ts: monthly fee, DID fees, a setup fee still owed,
 * missed cycles one by one); here the client package is read, the plan posted through
 * the ledger door, the period closed for invoicing and the next billing date written.
 * Every entry carries a reference, so running twice for one date charges nothing twice.
 *
 * Refused before anything is written: a date more than a week past today (a typo in the
 * year must not bill a century ahead), and, unless `confirmManyCycles`, a run that would
 * close more than a few cycles for one client package.
 */
export async function runBilling(
  ctx: ServiceContext,
  input: { date: string; confirmManyCycles?: boolean | undefined },
  skipClients: ReadonlySet<number> = new Set(),
): Promise<BillingRunResult> {
  const latest = latestBillingRunDate(localDate(ctx.now()));
  if (input.date > latest) {
    throw fieldError('date', `Billing can run up to ${latest}, a week ahead at most; ${input.date} is later. Cycles are billed on their billing date.`);
  }
  // Issue 16: one instance bills at a time; a second run waits, then finds the cycles closed (each is also locked and re-read).
  return withAdvisoryLock(ctx.store, 'reseller-console:billing', () => billDue(ctx, input, skipClients));
}

async function billDue(ctx: ServiceContext, input: { date: string; confirmManyCycles?: boolean | undefined }, skipClients: ReadonlySet<number>): Promise<BillingRunResult> {
  const allDue = await ctx.db
    .selectFrom('client_packages')
    .innerJoin('clients', 'clients.id', 'client_packages.client_id')
    .select(['client_packages.id', 'client_packages.client_id', 'client_packages.next_billing_date', 'client_packages.billing_day', 'clients.first_name', 'clients.last_name', 'clients.company'])
    .where('client_packages.disconnected_at', 'is', null)
    .where('client_packages.next_billing_date', '<=', input.date)
    .orderBy('client_packages.next_billing_date')
    .orderBy('client_packages.id')
    .execute();
  const due = allDue.filter((row) => !skipClients.has(row.client_id));
  if (input.confirmManyCycles !== true) refuseManyCycles(due, input.date);
  // A BigInt: each client stays within its balance limit, but a run's total over many clients is not bounded by it (issue 9).
  const result = { cyclesClosed: 0, invoicesIssued: 0, entriesWritten: 0, charged: 0n, clients: new Set<number>(), skipped: [] as BillingRunResult['skipped'] };
  const door = moneyDoor(ctx.store);
  // Issue 11: each cycle a run closes is invoiced in the same transaction, when the settings say so.
  const issueInvoices = (await readInvoiceSettings(ctx.db)).issueOnCycleClose;

  for (const row of due) {
    const { id, client_id: clientId } = row;
    // One transaction per client package: a failure leaves the others billed and this one untouched.
    // A refusal (the ledger door's limits) is reported with the result: the run has written the
    // others, so it must not answer "refused" (issue 9). A bug still stops the run.
    try {
      await billClientPackage(id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.skipped.push({ clientId, clientName: clientName(row), clientPackageId: id, message: error.message });
    }
  }
  return {
    date: input.date,
    cyclesClosed: result.cyclesClosed,
    invoicesIssued: result.invoicesIssued,
    entriesWritten: result.entriesWritten,
    charged: bigMicrosToText(result.charged),
    clients: result.clients.size,
    skipped: result.skipped,
  };

  async function billClientPackage(id: number): Promise<void> {
    await ctx.db.transaction().execute(async (trx) => {
      // Issue 16: another instance billing the same date waits here, then reads the dates this one moved.
      const owner = await trx.selectFrom('client_packages').select('client_id').where('id', '=', id).executeTakeFirstOrThrow();
      await lockClient(trx, ctx.store.dialect, owner.client_id);
      await lockClientPackage(trx, ctx.store.dialect, id);
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
      // Every missed cycle's entries through the door at once (issue 16: a few round trips, not a few per fee), then the periods.
      const entries = plan.cycles.flatMap((cycle) => cycle.entries);
      const { ids } = await door.append(trx, entries, now);
      for (const [index, entry] of entries.entries()) {
        if (ids[index] === null) continue;
        result.entriesWritten += 1;
        result.charged -= BigInt(entry.amount);
        result.clients.add(entry.clientId);
      }
      const closedStarts = new Set<string>();
      for (let start = 0; start < plan.cycles.length; start += 1_000) {
        const closed = await trx
          .insertInto('billing_periods')
          .values(
            plan.cycles
              .slice(start, start + 1_000)
              .map((cycle) => ({ client_package_id: id, client_id: connection.client_id, period_start: cycle.period.start, period_end: cycle.period.end, closed_at: now })),
          )
          .onConflict((oc) => oc.columns(['client_package_id', 'period_start']).doNothing())
          .returning('period_start')
          .execute();
        for (const row of closed) closedStarts.add(row.period_start);
      }
      for (const cycle of plan.cycles) {
        if (!closedStarts.has(cycle.period.start)) continue;
        result.cyclesClosed += 1;
        if (issueInvoices && (await issueForClosedCycle(ctx, trx, connection.client_id, cycle.period)) !== null) result.invoicesIssued += 1;
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

/**
 * The question a run that closes many cycles asks first (the oldest due package is the
 * one with the most): "This run closes 14 cycles for Alice Martin, billed since …".
 */
function refuseManyCycles(due: { next_billing_date: string; billing_day: number; first_name: string; last_name: string; company: string }[], date: string): void {
  const counted = due.map((row) => ({ row, cycles: cyclesDue(row.next_billing_date, row.billing_day, date) }));
  const many = counted.filter(({ cycles }) => cycles > CYCLES_WITHOUT_CONFIRMATION);
  if (many.length === 0) return;
  const most = many.reduce((a, b) => (b.cycles > a.cycles ? b : a));
  const others = many.length > 1 ? ` and ${plural(many.length - 1, 'other client package', 'other client packages')}` : '';
  throw new AppError(
    'conflict',
    `This run closes ${plural(most.cycles, 'billing cycle', 'billing cycles')} for ${clientName(most.row)} (due since ${most.row.next_billing_date})${others}. Confirm to bill every missed cycle.`,
  );
}

/**
 * When the app starts: bill every cycle that came due while it was closed (missed months
 * too: the guide bills each), but not the clients startup set aside.
 */
export const runDueBilling = (ctx: ServiceContext, skipClients?: ReadonlySet<number>): Promise<BillingRunResult> =>
  runBilling(ctx, { date: localDate(ctx.now()), confirmManyCycles: true }, skipClients);
