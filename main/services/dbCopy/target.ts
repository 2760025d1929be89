import { Kysely, PostgresDialect, sql, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { SchemaTooNewError } from '../../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index';
import { redactedUrl } from '../../../db/pg';
import type { Database } from '../../../db/schema';
import { AppError } from '../../errors';

/**
 * The PostgreSQL end of `db copy`: is the database empty (asked before the migrations run,
 * so a refused database is left as it was, and again under the copy's lock), and a Kysely
 * on the one connection that holds the copy's transaction.
 */

/**
 * Rows the migrations themselves write, which an empty database therefore holds: migration 14
 * numbers invoices from one. The copy replaces it with the source's counter.
 */
export const SEEDED_BY_MIGRATIONS = new Set(['invoice_numbering']);
const seedOnly = sql<boolean>`not exists (select 1 from invoice_numbering where not (id = 1 and next_number = 1 and last_number = 0))`;

/** Kysely on one checked-out connection, so its queries run inside the transaction begun there. */
export function onConnection(client: pg.PoolClient): Kysely<Database> {
  const shared: PostgresPoolClient = { query: client.query.bind(client) as PostgresPoolClient['query'], release: () => undefined };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: () => Promise.resolve(shared), end: () => Promise.resolve() } }) });
}

/** Of `tables`, those that exist in the database and hold a row (a table not yet made holds none). */
export async function tablesHoldingRows(db: Kysely<Database>, tables: readonly string[]): Promise<string[]> {
  const holding: string[] = [];
  for (const table of tables) {
    const present = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(db);
    if (!present.rows[0]?.present) continue;
    const held = SEEDED_BY_MIGRATIONS.has(table)
      ? await sql<{ held: boolean }>`select not (${seedOnly}) as held`.execute(db)
      : await sql<{ held: boolean }>`select exists (select 1 from ${sql.table(table)}) as held`.execute(db);
    if (held.rows[0]?.held) holding.push(table);
  }
  return holding;
}

/** The tables a refusal names first: where a reseller's data visibly lives. */
const TELLING_TABLES = ['clients', 'packages', 'calls', 'ledger_entries', 'invoices', 'dids', 'subaccounts', 'settings'];

export function refusedNotEmpty(url: string, holding: readonly string[]): AppError {
  const rank = (table: string): number => (TELLING_TABLES.includes(table) ? TELLING_TABLES.indexOf(table) : TELLING_TABLES.length);
  const tables = [...holding].sort((a, b) => rank(a) - rank(b));
  const shown = tables.length > 4 ? `${tables.slice(0, 4).join(', ')} and ${tables.length - 4} more` : tables.join(', ');
  return new AppError(
    'conflict',
    `${redactedUrl(url)} already holds data (${shown}): db copy only fills an empty database, and wrote nothing. ` +
      'To start over, drop the database and create it again (drop database …; create database …;), then run db copy again.',
  );
}

/**
 * Before the migrations run: a database another copy or the app already filled is refused
 * as it is, and one of a newer app version too. Errors reaching the server are the person's
 * to fix (an address, a password, TLS), said in one line.
 */
export async function checkTargetBeforeMigrating(url: string, config: pg.PoolConfig, tables: readonly string[]): Promise<void> {
  const pool = new pg.Pool({ ...config, max: 1 });
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const versioned = await sql<{ present: boolean }>`select to_regclass('schema_version') is not null as present`.execute(db);
    if (versioned.rows[0]?.present) {
      const row = await sql<{ version: number }>`select version from schema_version where id = 1`.execute(db);
      const version = Number(row.rows[0]?.version ?? 0);
      if (version > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(version);
    }
    const holding = await tablesHoldingRows(db, tables);
    if (holding.length > 0) throw refusedNotEmpty(url, holding);
  } catch (error) {
    throw unreachable(url, error);
  } finally {
    await db.destroy();
  }
}

/** SQLSTATE classes of a server the person must fix: connection, authorization, no such database, no privilege, too many connections. */
const PERSON_SQLSTATE = /^(08|28|3D|42501|53|57P0)/;

/** A failure to reach or use the server, as one line a person can act on; anything else as it is. */
export function unreachable(url: string, error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof AppError || error instanceof SchemaTooNewError) return error;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const network = /^E[A-Z]+$/.test(code) || /^(ERR_TLS|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|CERT_)/.test(code);
  const connecting = /timeout|terminated|SSL|certificate/i.test(error.message);
  if (!PERSON_SQLSTATE.test(code) && !network && !connecting) return error;
  return new AppError('invalid_input', `Cannot use the database at ${redactedUrl(url)}: ${error.message.split('\n')[0]}`);
}
