import type { Kysely } from 'kysely';
import type { PgStore } from '../../../../db/open';
import type { Database } from '../../../../db/schema';
import { withAdvisoryLock } from '../../locks';
import { CALL_TOTALS_COLUMNS, CallTotalsDelta } from '../callTotals';
import type { CallToRate } from '../callToRate';
import type { CycleQueries, RatedRow } from '../rateBatch';
import { dirtyDayKey, RATING_COLUMNS, STORED_CALL_COLUMNS, type StoredCall } from '../statements';
import { cycleSummaries, flushCallTotals, markDirtyDays, ROWS_PER_STATEMENT, updateRatings } from './writes';

/**
 * Issue 16: what rerate.ts reads and writes, on PostgreSQL. A re-rate holds the import's
 * advisory lock (calls/pg/importCalls.ts), as SQLite's holds the one connection: no import
 * adds calls to a cycle between the read and the write.
 */
export const withImportLock = <T>(store: PgStore, work: () => Promise<T>): Promise<T> => withAdvisoryLock(store, 'reseller-console:import', work);

/** The stored cycles `calls` fall in, read once (free minutes used, the latest call, every call), for rateBatch's synchronous questions. */
export async function preloadedCycleQueries(db: Kysely<Database>, calls: readonly CallToRate[]): Promise<CycleQueries> {
  const keys = new Set<string>();
  for (const call of calls) if (call.binding?.clientPackageId != null && call.cycleStart != null) keys.add(`${call.binding.clientPackageId}|${call.cycleStart}`);
  const summaries = new Map((await cycleSummaries(db, keys)).map((summary) => [`${summary.client_package_id}|${summary.cycle_start}`, summary]));
  const stored = new Map<string, StoredCall[]>();
  for (const key of keys) {
    const bar = key.indexOf('|');
    const rows = await db
      .selectFrom('calls')
      .select(STORED_CALL_COLUMNS)
      .where('client_package_id', '=', Number(key.slice(0, bar)))
      .where('cycle_start', '=', key.slice(bar + 1))
      .execute();
    stored.set(key, rows);
  }
  return {
    used: (clientPackageId, cycleStart) => Number(summaries.get(`${clientPackageId}|${cycleStart}`)?.used ?? 0),
    last: (clientPackageId, cycleStart) => {
      const last = summaries.get(`${clientPackageId}|${cycleStart}`)?.last;
      return last === undefined ? undefined : { started_at: last.slice(0, 19), call_id: last.slice(19) };
    },
    calls: (clientPackageId, cycleStart) => stored.get(`${clientPackageId}|${cycleStart}`) ?? [],
  };
}

/** Writes re-rated calls with their rollup differences and dirty client-days, in the caller's transaction (rerate.ts applyUpdates). */
export async function applyUpdatesPg(trx: Kysely<Database>, updates: readonly RatedRow[]): Promise<void> {
  const totals = new CallTotalsDelta();
  const dirty = new Set<string>();
  const ids = updates.map((update) => update.rowId!);
  for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT) {
    const before = await trx.selectFrom('calls').select(CALL_TOTALS_COLUMNS).where('id', 'in', ids.slice(start, start + ROWS_PER_STATEMENT)).execute();
    for (const row of before) totals.add(row, -1);
  }
  for (const update of updates) {
    totals.add(update.values, 1);
    if (update.values.client_id !== null) dirty.add(dirtyDayKey(update.values.client_id, update.values.started_at));
  }
  await updateRatings(
    trx,
    updates.map((update) => ({ id: update.rowId!, values: update.values })),
    RATING_COLUMNS,
  );
  await markDirtyDays(trx, dirty);
  await flushCallTotals(trx, totals);
}
