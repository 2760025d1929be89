import { sql, type CompiledQuery, type SelectQueryBuilder } from 'kysely';
import type { PgStore } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { CallExportData } from '../../../preload/schemas/calls';
import { countryOptions } from '../countries';
import { filteredCalls } from './callFilter';
import { CLIENT_NAME, DIRECTION_LABEL, DISPOSITION_LABEL, PRICED_BY, PROFIT, type CsvChunk } from './cdrCsv';

/**
 * Issue 16: the Global CDR's CSV on PostgreSQL. The same lines as SQLite's printf in
 * cdrCsv.ts (the same labels, the same quoting: every text field in quotes, '"' doubled,
 * money as "-12.345600"), made by the server and read through a cursor a batch at a time
 * on one read-only snapshot, so a million-call export holds one batch in memory. `COPY … TO
 * STDOUT` takes no bind parameters (the filter's values) and ends lines in LF, not CRLF.
 */

/** A text field in quotes, '"' doubled (the columns it takes are never NULL: printf's %w would print '' too). */
const quoted = (x: string): string => `'"' || replace(${x}, '"', '""') || '"'`;
/** Micros as "-12.345600": numeric keeps the six places exactly (a third faster here than dividing, and than integer arithmetic). */
const money = (x: string): string => `cast(cast(${x} as numeric) * 0.000001 as text)`;

const FIELDS = [
  'calls.started_at',
  quoted("coalesce(client_names.name, '')"),
  quoted('calls.account'),
  quoted('calls.caller_id'),
  DIRECTION_LABEL,
  quoted('calls.destination'),
  quoted("coalesce(country_names.name, calls.country, '')"),
  quoted('calls.description'),
  quoted(DISPOSITION_LABEL),
  'cast(calls.seconds as text)',
  'cast(calls.billed_seconds as text)',
  money('calls.cost_micros'),
  money('calls.charge_micros'),
  money(PROFIT),
  quoted(PRICED_BY),
  quoted('calls.call_id'),
];
/** One call's CSV line, without its line end. */
const CSV_LINE_PG = FIELDS.join(" || ',' || ");

type WithNames = { country_names: { code: string; name: string }; client_names: { id: number; name: string } };

/** The filter's calls in the export's order, each as its CSV line. */
export function csvLinesQueryPg(store: Pick<PgStore, 'db' | 'dialect'>, input: CallExportData): CompiledQuery {
  const order = input.order ?? 'newest';
  const direction = order === 'newest' ? 'desc' : 'asc';
  const countries = countryOptions();
  const codes = countries.map((country) => country.code);
  const names = countries.map((country) => country.name);
  // The names' tables are made in the query, unknown to the app's schema type.
  const query = filteredCalls(store, input) as unknown as SelectQueryBuilder<Database & WithNames, 'calls', object>;
  return query
    .leftJoin(sql<{ id: number; name: string }>`(select clients.id, ${sql.raw(CLIENT_NAME)} as name from clients)`.as('client_names'), 'client_names.id', 'calls.client_id')
    .leftJoin(
      // The codes compared in byte order, as calls.country is (collate "C").
      sql<{ code: string; name: string }>`(select code collate "C" as code, name from unnest(cast(${codes} as text[]), cast(${names} as text[])) as names (code, name))`.as('country_names'),
      'country_names.code',
      'calls.country',
    )
    .select(sql<string>`${sql.raw(CSV_LINE_PG)}`.as('line'))
    .orderBy('calls.started_at', direction)
    .orderBy('calls.id', direction)
    .compile();
}

/**
 * The lines of `query` (one text column) in chunks of `batchRows` calls, each chunk's lines
 * ending in CRLF, from a cursor on a connection of the store's pool held for the export. The
 * connection goes back to the pool when the chunks end, fail, or the reader stops early.
 */
export async function* csvChunksPg(store: PgStore, query: CompiledQuery, batchRows: number): AsyncGenerator<CsvChunk> {
  const client = await store.pool.connect();
  let failure: Error | undefined;
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`declare cdr_export no scroll cursor for ${query.sql}`, [...query.parameters]);
    for (;;) {
      const { rows } = await client.query<[string]>({ text: `fetch forward ${batchRows} from cdr_export`, rowMode: 'array' });
      if (rows.length === 0) break;
      yield { bytes: Buffer.from(`${rows.map((row) => row[0]).join('\r\n')}\r\n`, 'utf8'), rows: rows.length };
      if (rows.length < batchRows) break;
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A read-only transaction: ending it either way changes nothing. A connection that failed is not reused.
    try {
      await client.query('rollback');
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
    }
    client.release(failure);
  }
}
