import type { CompiledQuery } from 'kysely';
import { openStore, type SqliteStore } from '../../db/open';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { clientMonthTotalsQuery } from '../../main/services/reports/dashboard';
import { costByMonthQuery, ledgerByMonthQuery } from '../../main/services/reports/financial';
import type { BenchFigure } from './engine';
import { BENCH_NOW } from './fixture';

/** The bench's month (its calls end on BENCH_NOW) and the 12 months ending with it. */
export const MONTH = '2026-11';
export const YEAR = { from: '2025-12', to: MONTH };
const RUNS = 30;

/** Median milliseconds of `runs` runs, after one untimed warm-up (statements prepared, pages cached). */
export async function median(run: () => unknown, runs = RUNS): Promise<number> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function prepared(store: SqliteStore, query: CompiledQuery): () => unknown[] {
  const statement = store.sqlite.prepare(query.sql);
  return () => statement.all(...query.parameters);
}

/**
 * The reports on the imported database, each beside its floor: the same SQL the service
 * runs, as raw prepared statements (no handler door, no validation, no mapping to text),
 * and for reference the same figures summed from the raw rows (calls, ledger entries),
 * which is what the rollups save. Prints one JSON object of milliseconds.
 */
export async function benchReportsChild(path: string): Promise<Record<string, number>> {
  const store = await openStore(path);
  try {
    const table = createHandlerTable({ store, host: 'headless', now: () => BENCH_NOW });
    const call = async (name: string, input: unknown) => {
      const result = await dispatch(table, name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    const ledgerFloor = prepared(store, ledgerByMonthQuery(store.db, YEAR.from, YEAR.to).compile());
    const costFloor = prepared(store, costByMonthQuery(store.db, YEAR.from, YEAR.to).compile());
    // The service reads these rows as arrays (raw mode): so does its floor.
    const clientsCompiled = clientMonthTotalsQuery(store.db, MONTH).compile();
    const clientsStatement = store.sqlite.prepare(clientsCompiled.sql).raw();
    const clientsFloor = () => clientsStatement.all(...clientsCompiled.parameters);
    const rawLedger = store.sqlite.prepare(
      `select substr(occurred_on, 1, 7) as month, kind, sum(amount_micros) from ledger_entries where occurred_on >= ? and occurred_on < ? group by 1, 2`,
    );
    const rawCost = store.sqlite.prepare(`select substr(started_at, 1, 7) as month, sum(cost_micros) from calls where started_at >= ? and started_at < ? group by 1`);
    const rawClients = store.sqlite.prepare(
      `select client_id, count(*), sum(disposition = 'ANSWERED'), sum(seconds), sum(billed_seconds), sum(cost_micros), sum(charge_micros) from calls where started_at >= ? and started_at < ? group by client_id`,
    );
    const calls = store.sqlite.prepare('select count(*) from calls').pluck().get() as number;
    return {
      calls,
      financial: await median(() => call('reports.financial', YEAR)),
      financialFloor: await median(() => [ledgerFloor(), costFloor()]),
      financialRaw: await median(() => [rawLedger.all(`${YEAR.from}-01`, '2026-12-01'), rawCost.all(`${YEAR.from}-01`, '2026-12-01')], 5),
      clientMonth: await median(() => call('reports.clientMonth', { month: MONTH })),
      clientMonthFloor: await median(clientsFloor),
      clientMonthRaw: await median(() => rawClients.all(`${MONTH}-01`, '2026-12-01'), 5),
      dashboard: await median(() => call('reports.dashboard', { month: MONTH }), 10),
    };
  } finally {
    await store.close();
  }
}

/** The reports whose service may still refuse on a store (issue 16): what their figure waits for instead. */
export type ReportWaits = Partial<Record<'financial' | 'clientMonth' | 'dashboard', string>>;

/** The figures of benchReportsChild (SQLite) or benchReportsPg (PostgreSQL, `store` names it in each line). */
export function reportFigures(measured: Record<string, number>, options: { store?: string; waits?: ReportWaits } = {}): BenchFigure[] {
  const ms = (value: number | undefined) => Number((value ?? 0).toFixed(2));
  const calls = (measured.calls ?? 0).toLocaleString('en-US');
  const on = options.store ? `${options.store}: ` : '';
  const waits = options.waits ?? {};
  const service = (key: keyof ReportWaits, name: string, goal?: string): BenchFigure =>
    waits[key] ? { name, value: Number.NaN, unit: 'ms', waits: waits[key] } : { name, value: ms(measured[key]), unit: 'ms', ...(goal ? { goal } : {}) };
  return [
    service('financial', `${on}financial report, 12 months (reports.financial, ${calls} calls)`, '≤ 50'),
    { name: `  floor: the same rollup SQL as raw prepared statements${options.store ? ' (both at once, a connection each, as the service asks them)' : ''}`, value: ms(measured.financialFloor), unit: 'ms' },
    { name: '  for reference: the same sums over the raw calls and ledger entries', value: ms(measured.financialRaw), unit: 'ms' },
    service('clientMonth', `${on}per-client month totals (reports.clientMonth, every client)`, '≤ 10'),
    { name: '  floor: the same rollup SQL as a raw prepared statement', value: ms(measured.clientMonthFloor), unit: 'ms' },
    { name: '  for reference: the same sums over the raw calls', value: ms(measured.clientMonthRaw), unit: 'ms' },
    service('dashboard', `${on}dashboard (reports.dashboard)`),
  ];
}
