import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

/** The columns of a call row, in the order the prepared insert binds them. */
export const CALL_COLUMNS = [
  'call_id',
  'started_at',
  'account',
  'caller_id',
  'destination',
  'description',
  'direction',
  'disposition',
  'seconds',
  'cost_rate_e8',
  'cost_micros',
  'did_number',
  'subaccount_id',
  'client_id',
  'client_package_id',
  'package_id',
  'cycle_start',
  'status',
  'unrated_reason',
  'rule',
  'custom_rate_id',
  'free_zone',
  'sell_rate_e8',
  'billed_seconds',
  'free_seconds',
  'free_minutes_used',
  'charge_micros',
  'country',
  'import_id',
] as const;

export type CallColumn = (typeof CALL_COLUMNS)[number];
export type CallValues = Record<CallColumn, string | number | null>;

/** The rating columns a re-rate rewrites. */
export const RATING_COLUMNS = [
  'subaccount_id',
  'client_id',
  'client_package_id',
  'package_id',
  'cycle_start',
  'status',
  'unrated_reason',
  'rule',
  'custom_rate_id',
  'free_zone',
  'sell_rate_e8',
  'billed_seconds',
  'free_seconds',
  'free_minutes_used',
  'charge_micros',
  'country',
] as const satisfies readonly CallColumn[];

export interface CallStatements {
  insert: BetterSqlite3.Statement;
  cycleUsed: BetterSqlite3.Statement;
  cycleLast: BetterSqlite3.Statement;
  cycleCalls: BetterSqlite3.Statement;
  updateRating: BetterSqlite3.Statement;
  existingIds: BetterSqlite3.Statement;
  markDirty: BetterSqlite3.Statement;
  reject: BetterSqlite3.Statement;
}

/**
 * The import's hot path runs prepared statements on better-sqlite3 directly (one per
 * row, no async hop), but their SQL is compiled by Kysely from the typed schema —
 * never built from strings. Values bind in the column order above.
 */
export function prepareCallStatements(db: Kysely<Database>, sqlite: BetterSqlite3.Database): CallStatements {
  const placeholders = Object.fromEntries(CALL_COLUMNS.map((column) => [column, null])) as unknown as CallValues;
  const insert = db.insertInto('calls').values(placeholders as never).compile();
  const ratingSet = Object.fromEntries(RATING_COLUMNS.map((column) => [column, null]));
  const updateRating = db
    .updateTable('calls')
    .set(ratingSet as never)
    .where('id', '=', 0)
    .compile();
  const existingIds = db
    .selectFrom('calls')
    .select('call_id')
    .where('call_id', 'in', (eb) => eb.selectFrom(eb.fn<{ value: string }>('json_each', [eb.val('[]')]).as('ids')).select('ids.value' as never))
    .compile();
  const markDirty = db
    .insertInto('call_charge_dirty')
    .values({ client_id: 0, day: '' })
    .onConflict((oc) => oc.doNothing())
    .compile();
  const inCycle = db.selectFrom('calls').where('client_package_id', '=', 0).where('cycle_start', '=', '');
  const cycleUsed = inCycle.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used')).compile();
  const cycleLast = inCycle.select(['started_at', 'call_id']).orderBy('started_at', 'desc').orderBy('call_id', 'desc').limit(1).compile();
  const cycleCalls = inCycle
    .select(['id', 'call_id', 'started_at', 'direction', 'destination', 'seconds', 'disposition', 'cost_rate_e8', 'cost_micros', 'did_number', 'account', 'caller_id', 'description'])
    .compile();
  const reject = db.insertInto('call_import_rejects').values({ import_id: 0, line: 0, reason: '' }).compile();
  return {
    insert: sqlite.prepare(insert.sql),
    cycleUsed: sqlite.prepare(cycleUsed.sql).pluck(),
    // LIMIT is bound as a parameter by Kysely; the statements below bind it last.
    cycleLast: sqlite.prepare(cycleLast.sql),
    cycleCalls: sqlite.prepare(cycleCalls.sql),
    updateRating: sqlite.prepare(updateRating.sql),
    existingIds: sqlite.prepare(existingIds.sql).pluck(),
    markDirty: sqlite.prepare(markDirty.sql),
    reject: sqlite.prepare(reject.sql),
  };
}

export function callValuesInOrder(values: CallValues): (string | number | null)[] {
  return CALL_COLUMNS.map((column) => values[column]);
}

export function ratingValuesInOrder(values: CallValues, id: number): (string | number | null)[] {
  return [...RATING_COLUMNS.map((column) => values[column]), id];
}
