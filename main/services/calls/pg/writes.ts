import { sql, type Kysely } from 'kysely';
import type { Database, RatingPendingTable } from '../../../../db/schema';
import { RATING_COLUMNS, type CallValues } from '../statements';
import type { CallTotalsDelta } from '../callTotals';
import { cycleSummaryColumns, type CycleSummary } from '../statements';

/**
 * Issue 16: the calls' writes on PostgreSQL, set by set through Kysely (a round trip per
 * statement, so never one per call): what the SQLite import does with prepared statements
 * row by row (statements.ts, callTotals.ts, pendingCycles.ts).
 */
type Db = Kysely<Database>;

/** Rows per multi-row statement: 1,000 calls × 30 columns stay under PostgreSQL's 65,535 parameters. */
export const ROWS_PER_STATEMENT = 1_000;

/** The call ids among `ids` already stored. */
export async function storedCallIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += ROWS_PER_STATEMENT) {
    const slice = ids.slice(start, start + ROWS_PER_STATEMENT);
    if (slice.length === 0) continue;
    for (const row of await db.selectFrom('calls').select('call_id').where('call_id', 'in', slice).execute()) found.add(row.call_id);
  }
  return found;
}

/** What rating asks of the stored cycles `keys` ("clientPackageId|cycleStart"): free minutes used and the latest call. */
export async function cycleSummaries(db: Db, keys: Iterable<string>): Promise<CycleSummary[]> {
  const pairs = [...keys].map((key) => {
    const bar = key.indexOf('|');
    return [Number(key.slice(0, bar)), key.slice(bar + 1)] as const;
  });
  const summaries: CycleSummary[] = [];
  for (let start = 0; start < pairs.length; start += ROWS_PER_STATEMENT) {
    const slice = pairs.slice(start, start + ROWS_PER_STATEMENT);
    if (slice.length === 0) continue;
    const rows = await db
      .selectFrom('calls')
      .select(cycleSummaryColumns)
      .where((eb) => eb.or(slice.map(([clientPackageId, cycleStart]) => eb.and([eb('client_package_id', '=', clientPackageId), eb('cycle_start', '=', cycleStart)]))))
      .groupBy(['client_package_id', 'cycle_start'])
      .execute();
    for (const row of rows) {
      if (row.client_package_id === null || row.cycle_start === null) continue;
      summaries.push({ client_package_id: row.client_package_id, cycle_start: row.cycle_start, used: Number(row.used), last: row.last });
    }
  }
  return summaries;
}

/** Marks client-days ("clientId|day") dirty for the posting of call charges, in key order. */
export async function markDirtyDays(db: Db, keys: Iterable<string>): Promise<void> {
  const rows = [...keys].sort().map((key) => {
    const bar = key.indexOf('|');
    return { client_id: Number(key.slice(0, bar)), day: key.slice(bar + 1) };
  });
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db.insertInto('call_charge_dirty').values(rows.slice(start, start + ROWS_PER_STATEMENT)).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Adds a transaction's rollup deltas (callTotals.ts), key by key in order. */
export async function flushCallTotals(db: Db, delta: CallTotalsDelta): Promise<void> {
  const measures = ['calls', 'answered', 'seconds', 'billed_seconds', 'cost_micros', 'charge_micros'] as const;
  const rows = delta.rows();
  delta.clear();
  const keyColumn = { call_totals: 'client_id', call_country_totals: 'country', call_did_totals: 'did_number' } as const;
  for (const table of ['call_totals', 'call_country_totals', 'call_did_totals'] as const) {
    const ofTable = rows.filter((row) => row.table === table);
    for (let start = 0; start < ofTable.length; start += ROWS_PER_STATEMENT) {
      const values = ofTable.slice(start, start + ROWS_PER_STATEMENT).map(({ month, key, sums }) => ({
        month,
        [keyColumn[table]]: key,
        ...Object.fromEntries(measures.map((measure, index) => [measure, sums[index]])),
      }));
      await db
        .insertInto(table)
        .values(values as never)
        .onConflict((oc) =>
          oc.columns(['month', keyColumn[table]] as never).doUpdateSet((eb) =>
            Object.fromEntries(measures.map((column) => [column, eb(eb.ref(`${table}.${column}` as never), '+', eb.ref(`excluded.${column}` as never))])) as never,
          ),
        )
        .execute();
    }
  }
}

/** Writes late calls' cycles to rate again; a note already there keeps the earlier call. */
export async function notePendingCycles(db: Db, rows: readonly RatingPendingTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('rating_pending')
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflict((oc) =>
        oc
          .columns(['client_package_id', 'cycle_start'])
          .doUpdateSet((eb) => ({ from_started_at: eb.ref('excluded.from_started_at'), from_call_id: eb.ref('excluded.from_call_id') }))
          .where(sql<boolean>`(excluded.from_started_at, excluded.from_call_id) < (rating_pending.from_started_at, rating_pending.from_call_id)`),
      )
      .execute();
  }
}

/** PostgreSQL's types of the rating columns, for the VALUES list of one UPDATE (its parameters come untyped). */
const RATING_TYPES: Record<(typeof RATING_COLUMNS)[number], 'text' | 'bigint'> = {
  subaccount_id: 'bigint',
  client_id: 'bigint',
  client_package_id: 'bigint',
  package_id: 'bigint',
  cycle_start: 'text',
  status: 'text',
  unrated_reason: 'text',
  rule: 'text',
  custom_rate_id: 'bigint',
  free_zone: 'bigint',
  sell_rate_e8: 'bigint',
  billed_seconds: 'bigint',
  free_seconds: 'bigint',
  free_minutes_used: 'bigint',
  charge_micros: 'bigint',
  country: 'text',
};

/** Rewrites stored calls' `columns` (rating columns), a thousand rows per UPDATE … FROM (VALUES …). */
export async function updateRatings(db: Db, updates: readonly { id: number; values: CallValues }[], columns: readonly (typeof RATING_COLUMNS)[number][]): Promise<void> {
  for (let start = 0; start < updates.length; start += ROWS_PER_STATEMENT) {
    const slice = updates.slice(start, start + ROWS_PER_STATEMENT);
    const tuples = slice.map(({ id, values }) => sql`(${id}::bigint, ${sql.join(columns.map((column) => sql`${values[column]}::${sql.raw(RATING_TYPES[column])}`))})`);
    const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = v.${sql.ref(column)}`));
    await sql`update calls set ${assignments}
              from (values ${sql.join(tuples)}) as v (id, ${sql.join(columns.map((column) => sql.ref(column)))})
              where calls.id = v.id`.execute(db);
  }
}
