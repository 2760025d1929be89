import type BetterSqlite3 from 'better-sqlite3';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { CallChargeDirtyRow, CallImportRejectRow, CallRow, Database } from '../../../db/schema';

/** The provider's record of a call, as stored: what rating reads back from a row. */
export const CALL_RECORD_COLUMNS = [
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
] as const satisfies readonly (keyof CallRow)[];

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
] as const satisfies readonly (keyof CallRow)[];

/**
 * What rating a stored call again in its cycle may change: it keeps its sub account, client,
 * client package and cycle (ratePendingCycles), so an update leaves the indexes keyed by
 * them (calls_cycle, calls_subaccount_started) alone.
 */
export const RERATED_COLUMNS = RATING_COLUMNS.filter(
  (column): column is Exclude<(typeof RATING_COLUMNS)[number], 'subaccount_id' | 'client_id' | 'client_package_id' | 'cycle_start'> =>
    !['subaccount_id', 'client_id', 'client_package_id', 'cycle_start'].includes(column),
);

/** The columns of a call row, in the order the prepared insert binds them. */
export const CALL_COLUMNS = [...CALL_RECORD_COLUMNS, ...RATING_COLUMNS, 'import_id'] as const;

export type CallColumn = (typeof CALL_COLUMNS)[number];
/** A call row as the import writes it: every column but the row id (the schema's types). */
export type CallValues = Omit<CallRow, 'id'>;
type Bound = CallValues[CallColumn];

// Every column of the schema but `id` is bound by the insert: a column added to the schema must be added above.
type Missing = Exclude<keyof CallValues, CallColumn>;
const everyColumnBound: [Missing] extends [never] ? true : Missing = true;
void everyColumnBound;

/** A stored call read back for rating (a re-rate, a late call's cycle). */
export const STORED_CALL_COLUMNS = ['id', ...CALL_RECORD_COLUMNS, 'subaccount_id', 'client_id', 'charge_micros'] as const;
export type StoredCall = Pick<CallRow, (typeof STORED_CALL_COLUMNS)[number]>;

/** A stored cycle as `cycleSummaries` reads it: `last` is the latest call's started_at (19 characters) followed by its call id. */
export interface CycleSummary {
  client_package_id: number;
  cycle_start: string;
  used: number;
  last: string;
}

/**
 * A stored cycle's summary columns (CycleSummary), grouped by client package and cycle. started_at
 * is always "YYYY-MM-DD HH:MM:SS": joined with the call id, text order (byte order) is call order.
 */
export const cycleSummaryColumns = (eb: ExpressionBuilder<Database, 'calls'>) =>
  [
    'client_package_id',
    'cycle_start',
    eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used'),
    eb.fn.max<string>(sql<string>`started_at || call_id`).as('last'),
  ] as const;

export interface CallStatements {
  insert: BetterSqlite3.Statement<[values: Bound[]]>;
  cycleUsed: BetterSqlite3.Statement<[clientPackageId: number, cycleStart: string], number>;
  cycleLast: BetterSqlite3.Statement<[clientPackageId: number, cycleStart: string, limit: number], Pick<CallRow, 'started_at' | 'call_id'>>;
  cycleCalls: BetterSqlite3.Statement<[clientPackageId: number, cycleStart: string], StoredCall>;
  /** Every stored cycle's free minutes used and latest call ("started_at" then call id, joined): what rating asks of a cycle, read in one pass. */
  cycleSummaries: BetterSqlite3.Statement<[], CycleSummary>;
  updateRating: BetterSqlite3.Statement<[values: Bound[]]>;
  existingIds: BetterSqlite3.Statement<[idsJson: string], string>;
  markDirty: BetterSqlite3.Statement<[clientId: CallChargeDirtyRow['client_id'], day: CallChargeDirtyRow['day']]>;
  reject: BetterSqlite3.Statement<[importId: CallImportRejectRow['import_id'], line: CallImportRejectRow['line'], reason: CallImportRejectRow['reason']]>;
}

/**
 * A row to compile, not to run: one placeholder per column, in this order. Kysely turns
 * it into the SQL; better-sqlite3 binds the real values at run time.
 */
export function placeholderRow<Row>(columns: readonly (keyof Row & string)[]): Row {
  return Object.fromEntries(columns.map((column) => [column, null])) as Row;
}

/**
 * The import's hot path runs prepared statements on better-sqlite3 directly (one per
 * row, no async hop), but their SQL is compiled by Kysely from the typed schema —
 * never built from strings. Values bind in the column order above.
 */
export function prepareCallStatements(db: Kysely<Database>, sqlite: BetterSqlite3.Database): CallStatements {
  const insert = db.insertInto('calls').values(placeholderRow<CallValues>(CALL_COLUMNS)).compile();
  const updateRating = db
    .updateTable('calls')
    .set(placeholderRow<Pick<CallValues, (typeof RATING_COLUMNS)[number]>>(RATING_COLUMNS))
    .where('id', '=', 0)
    .compile();
  const existingIds = db
    .selectFrom('calls')
    .select('call_id')
    .where('call_id', 'in', (eb) => eb.selectFrom(eb.fn<{ value: string }>('json_each', [eb.val('[]')]).as('ids')).select('ids.value'))
    .compile();
  const markDirty = db
    .insertInto('call_charge_dirty')
    .values({ client_id: 0, day: '' })
    .onConflict((oc) => oc.doNothing())
    .compile();
  const inCycle = db.selectFrom('calls').where('client_package_id', '=', 0).where('cycle_start', '=', '');
  const cycleUsed = inCycle.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('free_minutes_used'), eb.lit(0)).as('used')).compile();
  const cycleLast = inCycle.select(['started_at', 'call_id']).orderBy('started_at', 'desc').orderBy('call_id', 'desc').limit(1).compile();
  const cycleCalls = inCycle.select(STORED_CALL_COLUMNS).compile();
  const cycleSummaries = db
    .selectFrom('calls')
    .select(cycleSummaryColumns)
    .where('client_package_id', 'is not', null)
    .where('cycle_start', 'is not', null)
    .groupBy(['client_package_id', 'cycle_start'])
    .compile();
  const reject = db.insertInto('call_import_rejects').values({ import_id: 0, line: 0, reason: '' }).compile();
  return {
    insert: sqlite.prepare<[values: Bound[]]>(insert.sql),
    cycleUsed: sqlite.prepare<[number, string], number>(cycleUsed.sql).pluck(),
    // LIMIT is bound as a parameter by Kysely; the statements below bind it last.
    cycleLast: sqlite.prepare(cycleLast.sql),
    cycleCalls: sqlite.prepare(cycleCalls.sql),
    cycleSummaries: sqlite.prepare<[], CycleSummary>(cycleSummaries.sql),
    updateRating: sqlite.prepare<[values: Bound[]]>(updateRating.sql),
    existingIds: sqlite.prepare<[string], string>(existingIds.sql).pluck(),
    markDirty: sqlite.prepare(markDirty.sql),
    reject: sqlite.prepare(reject.sql),
  };
}

export function callValuesInOrder(values: CallValues): Bound[] {
  return CALL_COLUMNS.map((column) => values[column]);
}

export function ratingValuesInOrder(values: CallValues, id: number): Bound[] {
  return [...RATING_COLUMNS.map((column) => values[column]), id];
}

/**
 * The key of a client-day whose call charges moved (call_charge_dirty): written by rating
 * (import, re-rate), read back by the posting of call charges.
 */
export function dirtyDayKey(clientId: number, startedAt: string): string {
  return `${clientId}|${startedAt.slice(0, 10)}`;
}

/** Marks the client-days of a set of keys dirty, for postCallCharges. */
export function markDirtyDays(statements: Pick<CallStatements, 'markDirty'>, keys: Iterable<string>): void {
  for (const key of keys) {
    const bar = key.indexOf('|');
    statements.markDirty.run(Number(key.slice(0, bar)), key.slice(bar + 1));
  }
}
