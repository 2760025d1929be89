import type BetterSqlite3 from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CopyTable } from './tables';

/**
 * One table's rows from the SQLite snapshot into PostgreSQL with `COPY … FROM STDIN` in CSV:
 * read row by row with `iterate()` (a reseller's millions of calls never sit in memory) and
 * written a few thousand lines per write — measured, one line per write doubles the time.
 * Integers are read as BigInt, so an id or an amount past 2^53 goes over digit for digit.
 */

/** Lines per write to the COPY stream. */
const LINES_PER_WRITE = 4000;

/** An SQL identifier, quoted (the names come from the source's catalogue). */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * A value as a CSV field PostgreSQL's COPY reads back as the same value: NULL is the empty
 * unquoted field, so every text is quoted (an empty text stays ''); a BLOB is bytea's hex
 * form; a REAL keeps its shortest exact decimal (NaN and ±Infinity as PostgreSQL spells them).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return `"${value.replaceAll('"', '""')}"`;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  throw new TypeError(`A value of type ${typeof value} has no CSV form`);
}

export const csvLine = (row: readonly unknown[]): string => `${row.map(csvField).join(',')}\n`;

/** The source's rows in key order: a self-reference (a reversal, a credit note) then finds its row written. */
function* csvChunks(sqlite: BetterSqlite3.Database, table: CopyTable, onRows: (rows: number) => void): Generator<string> {
  const columns = table.columns.map(quoteIdentifier).join(', ');
  const orderBy = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map(quoteIdentifier).join(', ')}` : '';
  const statement = sqlite.prepare(`select ${columns} from ${quoteIdentifier(table.name)}${orderBy}`).raw(true).safeIntegers(true);
  let lines: string[] = [];
  let rows = 0;
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    lines.push(csvLine(row));
    if (lines.length === LINES_PER_WRITE) {
      rows += lines.length;
      yield lines.join('');
      lines = [];
      onRows(rows);
    }
  }
  if (lines.length > 0) {
    rows += lines.length;
    yield lines.join('');
    onRows(rows);
  }
}

/** Copies one table's rows on `client` (in its transaction); the number of rows PostgreSQL took. */
export async function copyTableRows(sqlite: BetterSqlite3.Database, client: pg.PoolClient, table: CopyTable, onRows: (rows: number) => void): Promise<number> {
  const columns = table.columns.map(quoteIdentifier).join(', ');
  const copy = client.query(copyFrom(`copy ${quoteIdentifier(table.name)} (${columns}) from stdin with (format csv)`));
  await pipeline(Readable.from(csvChunks(sqlite, table, onRows)), copy);
  return copy.rowCount;
}
