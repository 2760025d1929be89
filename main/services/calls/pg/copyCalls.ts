import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PgStore } from '../../../../db/open';
import type { Database } from '../../../../db/schema';
import { onConnection } from '../../dbCopy/target';
import { AppError } from '../../../errors';
import { CALL_COLUMNS, type CallValues } from '../statements';

/**
 * Issue 16: the import's calls on PostgreSQL go in with `COPY` (text format) into a stage
 * table of the transaction, then `INSERT … SELECT … ON CONFLICT (call_id) DO NOTHING`: one
 * statement to parse per batch instead of one per 1,000 rows with 30,000 parameters each.
 * The stage has the calls' columns and types but none of their constraints or defaults (no
 * sequence value is drawn for it), plus the row's place in the batch: the calls get their
 * ids in the order the import rated them, as with the multi-row inserts before.
 */

const STAGE = 'calls_import_stage';
const COLUMNS = CALL_COLUMNS.map((column) => `"${column}"`).join(', ');
/** Lines per chunk handed to the COPY stream. */
const LINES_PER_CHUNK = 500;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of COPY's text format: `\N` for null, backslash, tab, newline and carriage return escaped. */
export function copyField(value: unknown): string {
  if (value === null) return '\\N';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(SPECIALS, (character) => ESCAPES[character]!) : value;
  throw new AppError('internal', `A call's value cannot be copied: ${typeof value}`);
}

/** A call's line: its columns in CALL_COLUMNS order, then its place. */
function copyLine(values: CallValues, place: number): string {
  let line = '';
  for (const column of CALL_COLUMNS) line += `${copyField(values[column])}\t`;
  return `${line}${place}\n`;
}

function* copyChunks(calls: readonly CallValues[]): Generator<string> {
  for (let start = 0; start < calls.length; start += LINES_PER_CHUNK) {
    let chunk = '';
    const end = Math.min(calls.length, start + LINES_PER_CHUNK);
    for (let place = start; place < end; place += 1) chunk += copyLine(calls[place]!, place);
    yield chunk;
  }
}

/** The calls' writer of one transaction, on its connection. */
export class CallCopier {
  private staged = false;

  constructor(private readonly client: pg.PoolClient) {}

  /**
   * Stores `calls` (in their order) but any whose call id is stored already; the call ids
   * stored. (The import lock and the duplicates read first mean none is skipped in practice.)
   */
  async insert(calls: readonly CallValues[]): Promise<Set<string>> {
    if (calls.length === 0) return new Set();
    if (!this.staged) {
      await this.client.query(`create temp table ${STAGE} on commit drop as select ${COLUMNS}, 0::integer as place from calls with no data`);
      this.staged = true;
    } else {
      await this.client.query(`truncate ${STAGE}`);
    }
    await pipeline(Readable.from(copyChunks(calls)), this.client.query(copyFrom(`copy ${STAGE} (${COLUMNS}, place) from stdin`)));
    const inserted = await this.client.query<{ call_id: string }>(
      `insert into calls (${COLUMNS}) select ${COLUMNS} from ${STAGE} order by place on conflict (call_id) do nothing returning call_id`,
    );
    return new Set(inserted.rows.map((row) => row.call_id));
  }
}

/**
 * Runs `work` in a transaction on a connection of its own (COPY needs the client itself):
 * Kysely on that connection, and the calls' copier. Committed when `work` settles, rolled
 * back when it throws.
 */
export async function inCallsTransaction<T>(store: PgStore, work: (trx: Kysely<Database>, copier: CallCopier) => Promise<T>): Promise<T> {
  const client = await store.pool.connect();
  // A checked-out connection the server ends emits 'error': its queries fail, the process stays up.
  const onError = (): void => undefined;
  client.on('error', onError);
  let failure: Error | undefined;
  const broken = (error: unknown): Error => (failure = error instanceof Error ? error : new Error(String(error)));
  try {
    await client.query('begin').catch((error: unknown) => {
      throw broken(error);
    });
    let result: T;
    try {
      result = await work(onConnection(client), new CallCopier(client));
    } catch (error) {
      // A connection that cannot even roll back is thrown away rather than given back to the pool.
      await client.query('rollback').catch(broken);
      throw error;
    }
    await client.query('commit').catch((error: unknown) => {
      throw broken(error);
    });
    return result;
  } finally {
    client.off('error', onError);
    client.release(failure);
  }
}
