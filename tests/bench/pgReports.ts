import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { PgStore } from '../../db/open';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { clientMonthTotalsQuery } from '../../main/services/reports/dashboard';
import { costByMonthQuery, ledgerByMonthQuery } from '../../main/services/reports/financial';
import { BENCH_NOW } from './fixture';
import { median, MONTH, YEAR, type ReportWaits } from './reports';

/** What a service says on PostgreSQL while its port is not done (main/services/storeKind.ts). */
const NOT_YET = /does not run on a team server/;

/**
 * The reports of reports.ts on the PostgreSQL database the import built (issue 16), each
 * beside its floor: the same SQL the service runs (the same Kysely query, compiled for
 * PostgreSQL) as a named prepared statement on one held connection, rows as arrays, and for
 * reference the same figures summed from the raw calls and ledger entries. A service that
 * still refuses on PostgreSQL is not measured: its figure says what it waits for.
 */
export async function benchReportsPg(store: PgStore, client: pg.PoolClient): Promise<{ measured: Record<string, number>; waits: ReportWaits }> {
  const table = createHandlerTable({ store, host: 'headless', now: () => BENCH_NOW });
  const waits: ReportWaits = {};
  const measured: Record<string, number> = {};
  const service = async (key: keyof ReportWaits, name: string, input: unknown, runs?: number): Promise<void> => {
    const call = async () => {
      const result = await dispatch(table, name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    try {
      measured[key] = await median(call, runs);
    } catch (error) {
      if (!(error instanceof Error) || !NOT_YET.test(error.message)) throw error;
      waits[key] = `${name} on PostgreSQL (it refuses: "${error.message}")`;
    }
  };
  let statements = 0;
  const prepared = (query: CompiledQuery | { sql: string; parameters: readonly unknown[] }, on = client) => {
    const config: pg.QueryArrayConfig = { name: `bench_${(statements += 1)}`, text: query.sql, values: [...query.parameters], rowMode: 'array' };
    return () => on.query(config);
  };
  // The service asks its two queries at once, each on a connection of the pool: so does the floor.
  const second = await store.pool.connect();
  const ledgerFloor = prepared(ledgerByMonthQuery(store.db, YEAR.from, YEAR.to).compile());
  const costFloor = prepared(costByMonthQuery(store.db, YEAR.from, YEAR.to).compile(), second);
  const clientsFloor = prepared(clientMonthTotalsQuery(store.db, MONTH).compile());
  const span = [`${YEAR.from}-01`, '2026-12-01'];
  const rawLedger = prepared({
    sql: 'select substr(occurred_on, 1, 7) as month, kind, sum(amount_micros) from ledger_entries where occurred_on >= $1 and occurred_on < $2 group by 1, 2',
    parameters: span,
  });
  const rawCost = prepared({ sql: 'select substr(started_at, 1, 7) as month, sum(cost_micros) from calls where started_at >= $1 and started_at < $2 group by 1', parameters: span });
  const rawClients = prepared({
    sql: `select client_id, count(*), count(*) filter (where disposition = 'ANSWERED'), sum(seconds), sum(billed_seconds), sum(cost_micros), sum(charge_micros)
      from calls where started_at >= $1 and started_at < $2 group by client_id`,
    parameters: [`${MONTH}-01`, '2026-12-01'],
  });
  measured.calls = Number((await client.query<{ n: string }>('select count(*) as n from calls')).rows[0]!.n);
  await service('financial', 'reports.financial', YEAR);
  try {
    measured.financialFloor = await median(() => Promise.all([ledgerFloor(), costFloor()]));
  } finally {
    second.release();
  }
  measured.financialRaw = await median(async () => [await rawLedger(), await rawCost()], 5);
  await service('clientMonth', 'reports.clientMonth', { month: MONTH });
  measured.clientMonthFloor = await median(clientsFloor);
  measured.clientMonthRaw = await median(rawClients, 5);
  await service('dashboard', 'reports.dashboard', { month: MONTH }, 10);
  return { measured, waits };
}
