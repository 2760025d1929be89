import type BetterSqlite3 from 'better-sqlite3';
import { directionLabel, DISPOSITION_LABELS, RULE_LABELS } from '../../../preload/common/calls';

/**
 * The Global CDR's CSV lines, made by SQLite (issue 11: 1M calls ≤ 5 s). Reading the 19
 * columns into JavaScript and joining them there took 8.3 s for the bench's 1M calls before
 * a byte was written (the values, not the formatting, cost); one printf per call inside the
 * query, the lines of a batch joined by group_concat, makes the same file in 6.1 s on one
 * thread, and the export runs slices of it on worker threads (pool.ts). Every text field is
 * quoted (RFC 4180 allows it), so one `"%w"` (doubles '"') quotes any value: a caller ID
 * `"Alice" <5145550100>`, a description with a comma, a newline.
 */

/** The Global CDR's columns, in the table's order; money as decimal text (never a float). */
export const CALL_CSV_HEADER = [
  'Date',
  'Client',
  'Sub account',
  'Caller ID',
  'Direction',
  'Destination',
  'Country',
  'Description',
  'Disposition',
  'Duration (s)',
  'Billed (s)',
  'Cost',
  'Sell',
  'Profit',
  'Priced by',
  'Call ID',
] as const;

/** A statement and its parameters, compiled by the app (Kysely) and run by a worker (better-sqlite3 alone). */
export interface CompiledStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * The keyset cursor's place in `next`'s parameters: the app compiles the statement once
 * with these values and the worker puts each batch's cursor in their place.
 */
export const CURSOR_TIME = '\u0000cursor';
export const CURSOR_ID = Number.MIN_SAFE_INTEGER;

/** A part of an export a worker makes: the filter's calls in one time span, in the export's order (cdrExport.ts plans and compiles it). */
export interface CsvSlice {
  /** Selects line, started_at and id of the slice's first batch. */
  first: CompiledStatement;
  /** The same past a cursor (CURSOR_TIME, CURSOR_ID). */
  next: CompiledStatement;
  newest: boolean;
  batchRows: number;
  /** The country names the table shows, by ISO code (the statements join them by code). */
  countryNames: (readonly [string, string])[];
}

export interface CsvChunk {
  /**
   * Lines, each ending in CRLF, as UTF-8: SQLite's bytes, handed to the app's thread without a
   * copy (the worker transfers them) and written as they are. Read as a JavaScript string they
   * cost a decode in the worker, a copy across threads and an encode at the file: 1.0 s of 5.7
   * on one thread for the bench's 1M calls (6.8 s as text, 5.7 s as bytes).
   */
  bytes: Uint8Array;
  rows: number;
}

const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;
/** A CASE mapping a column's stored values to the labels the window shows (the same maps). */
const labels = (column: string, map: Record<string, string>, otherwise: string): string =>
  `CASE ${column} ${Object.entries(map)
    .map(([value, label]) => `WHEN ${literal(value)} THEN ${literal(label)}`)
    .join(' ')} ELSE ${otherwise} END`;
/** |x| without a function call (each call costs in a million-row query). */
const magnitude = (x: string): string => `CASE WHEN ${x} < 0 THEN -(${x}) ELSE ${x} END`;
/** Micros as "-12.345600": printf's arguments for `%s%d.%06d`. */
const moneyArguments = (x: string): string[] => [`CASE WHEN ${x} < 0 THEN '-' ELSE '' END`, `${magnitude(x)} / 1000000`, `${magnitude(x)} % 1000000`];

/** clientName() of clients.ts: "First Last (Company)", made once per client in the temporary client_names (prepareNames). */
export const CLIENT_NAME = `trim(clients.first_name || ' ' || clients.last_name) || CASE WHEN clients.company <> '' THEN ' (' || clients.company || ')' ELSE '' END`;
export const PROFIT = `(CASE WHEN calls.status = 'rated' THEN calls.charge_micros - calls.cost_micros ELSE 0 END)`;

/** The labels the table shows for a call's direction, disposition and how it was priced (the window's maps). */
export const DIRECTION_LABEL = labels('calls.direction', { inbound: directionLabel('inbound'), outbound: directionLabel('outbound') }, 'calls.direction');
export const DISPOSITION_LABEL = labels('calls.disposition', DISPOSITION_LABELS, 'calls.disposition');
export const PRICED_BY = `CASE WHEN calls.status = 'unrated' THEN 'Unrated' ELSE ${labels('calls.rule', RULE_LABELS, "coalesce(calls.rule, 'Rated')")} END`;

const FORMAT = '%s,"%w","%w","%w",%s,"%w","%w","%w","%w",%d,%d,%s%d.%06d,%s%d.%06d,%s%d.%06d,"%w","%w"';
const ARGUMENTS = [
  'calls.started_at',
  "coalesce(client_names.name, '')",
  'calls.account',
  'calls.caller_id',
  DIRECTION_LABEL,
  'calls.destination',
  "coalesce(country_names.name, calls.country, '')",
  'calls.description',
  DISPOSITION_LABEL,
  'calls.seconds',
  'calls.billed_seconds',
  ...moneyArguments('calls.cost_micros'),
  ...moneyArguments('calls.charge_micros'),
  ...moneyArguments(PROFIT),
  PRICED_BY,
  'calls.call_id',
];
/** One call's CSV line, without its line end. */
export const CSV_LINE_SQL = `printf('${FORMAT}', ${ARGUMENTS.join(', ')})`;

/**
 * The names a line shows, in temporary tables of this connection (a worker's, opened for one
 * export): the country names by code (a join is 0.7 s faster on 1M calls than a CASE or a
 * lookup per call), and each client's name made once rather than once per call (on 1M calls
 * and 2,000 clients, 0.5 s less of SQLite's time on one thread).
 */
export function prepareNames(sqlite: BetterSqlite3.Database, countries: CsvSlice['countryNames']): void {
  const made = sqlite.prepare(`select count(*) as n from temp.sqlite_master where name = 'country_names'`).get() as { n: number };
  if (made.n > 0) return;
  sqlite.exec('create temp table country_names (code text primary key, name text not null) without rowid');
  sqlite.exec('create temp table client_names (id integer primary key, name text not null)');
  const insert = sqlite.prepare('insert into temp.country_names (code, name) values (?, ?)');
  sqlite.transaction(() => {
    for (const [code, name] of countries) insert.run(code, name);
    sqlite.exec(`insert into temp.client_names (id, name) select clients.id, ${CLIENT_NAME} from clients`);
  })();
}

/**
 * Writes one slice: keyset batches of `batchRows` calls, each one query whose single row is
 * the batch's lines joined, its count and where the next batch starts (the smallest or
 * largest "started_at + id" of the batch, zero-padded so text order is row order). The
 * lines come joined in the order the inner query yields them (its ORDER BY; an ORDER BY
 * inside group_concat cost a quarter more), which the export tests check line by line.
 */
export function csvSlice(sqlite: BetterSqlite3.Database, slice: CsvSlice, emit: (chunk: CsvChunk) => void): { rows: number } {
  prepareNames(sqlite, slice.countryNames);
  const edge = slice.newest ? 'min' : 'max';
  const batch = (inner: CompiledStatement) =>
    sqlite.prepare(`select cast(group_concat(line, char(13, 10)) || char(13, 10) as blob), count(*), ${edge}(started_at || printf('%015d', id)) from (${inner.sql})`).raw();
  const first = batch(slice.first);
  const next = batch(slice.next);
  let rows = 0;
  let cursor: { time: string; id: number } | null = null;
  for (;;) {
    const at: { time: string; id: number } | null = cursor;
    const parameters = at === null ? slice.first.parameters : slice.next.parameters.map((value) => (value === CURSOR_TIME ? at.time : value === CURSOR_ID ? at.id : value));
    const [bytes, count, last] = (at === null ? first : next).get(...parameters) as [Buffer | null, number, string | null];
    if (count === 0 || bytes === null || last === null) break;
    emit({ bytes, rows: count });
    rows += count;
    if (count < slice.batchRows) break;
    cursor = { time: last.slice(0, -15), id: Number(last.slice(-15)) };
  }
  return { rows };
}
