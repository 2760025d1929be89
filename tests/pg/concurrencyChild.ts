/**
 * One of the two instances of tests/pg/concurrency.test.ts (issue 16, "Must hold"): a process
 * of its own on the shared PostgreSQL database, doing its half of the work through the same
 * handlers and services as the app. It opens the store, tells the parent it is ready, waits
 * for the parent's "go" (sent to both at once: the barrier), then runs, all at once:
 * its payments, its charges, and a sequence of an import, a billing run, an import of late
 * calls (in cycles that run closed) and invoices on demand. It reports what each step
 * answered and exits.
 * Arguments: URL (the database's) FOLDER (beside it) PLAN (a JSON file of ChildPlan).
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { openPgStore } from '../../db/pg';
import { parseCdrStream } from '../../main/cdr';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { importInto } from '../../main/services/calls/importInto';
import type { Result } from '../../preload/result';

export interface ChildPlan {
  now: string;
  payments: { clientId: number; amount: string }[];
  charges: { clientId: number; amount: string }[];
  billingDate: string;
  /** CSV texts (the provider's CDR export): imported before the billing run, and after it (late calls). */
  calls: string;
  lateCalls: string;
  invoices: { clientId: number; from: string; to: string }[];
}

export interface ChildReport {
  payments: number;
  charges: number;
  billing: { cyclesClosed: number; invoicesIssued: number; entriesWritten: number; skipped: unknown[] };
  imports: { status: string; added: number; duplicates: number; rejected: number; unrated: number; rerated: number }[];
  invoicesIssued: number;
  /** The refusals of invoices on demand (the other instance invoiced the period first). */
  invoicesRefused: string[];
}

const [url, folder, planFile] = process.argv.slice(2);
if (!url || !folder || !planFile) throw new Error('usage: concurrencyChild.ts URL FOLDER PLAN');
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as ChildPlan;
const now = () => new Date(plan.now);
const store = await openPgStore(url, { folder });
const table = createHandlerTable({ store, host: 'headless', now });

async function call<T>(name: string, input: unknown): Promise<Result<T>> {
  return (await dispatch(table, name, input)) as Result<T>;
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const result = await call<T>(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

async function importText(text: string, source: string) {
  const progress = await importInto(store, parseCdrStream(Readable.from([text]), 'voipms-csv', { batchSize: 50 }), { source, format: 'voipms-csv', now, transactionRows: 100 });
  const { status, added, duplicates, rejected, unrated, rerated } = progress;
  return { status, added, duplicates, rejected, unrated, rerated };
}

const report: ChildReport = { payments: 0, charges: 0, billing: { cyclesClosed: 0, invoicesIssued: 0, entriesWritten: 0, skipped: [] }, imports: [], invoicesIssued: 0, invoicesRefused: [] };

await new Promise<void>((resolve) => {
  process.once('message', () => resolve());
  process.send?.('ready');
});

await Promise.all([
  (async () => {
    for (const payment of plan.payments) {
      await ok('clients.payment', payment);
      report.payments += 1;
    }
  })(),
  (async () => {
    for (const charge of plan.charges) {
      await ok('clients.charge', charge);
      report.charges += 1;
    }
  })(),
  (async () => {
    report.imports.push(await importText(plan.calls, 'calls.csv'));
    report.billing = await ok('billing.run', { date: plan.billingDate, confirmManyCycles: true });
    report.imports.push(await importText(plan.lateCalls, 'late.csv'));
    for (const request of plan.invoices) {
      const result = await call('invoices.issue', request);
      if (result.ok) report.invoicesIssued += 1;
      else report.invoicesRefused.push(result.error.message);
    }
  })(),
]);
await store.close();
process.send?.(report);
process.disconnect?.();
