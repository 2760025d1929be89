import { sql, type Kysely } from 'kysely';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index';
import type { Dialect } from './open';
import { PgSchemaPlugin } from './pgSchema';

export class SchemaTooNewError extends Error {
  readonly code = 'db_too_new';
  constructor(found: number) {
    super(
      `This database was written by a newer version of Reseller Console (schema ${found}; ` +
        `this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it; it was not changed.`,
    );
  }
}

// PostgreSQL keeps the version in a one-row table (SQLite in its header's user_version).
const PG_VERSION_TABLE = sql`create table if not exists schema_version (
  id integer primary key check (id = 1),
  version integer not null check (version >= 0)
)`;
// Two instances starting at once on one server: one migrates, the other waits and finds it done.
const PG_MIGRATE_LOCK = sql`select pg_advisory_xact_lock(hashtext('reseller-console:migrate'))`;

export async function schemaVersion(db: Kysely<unknown>, dialect: Dialect = 'sqlite'): Promise<number> {
  if (dialect === 'postgres') {
    const table = await sql<{ found: string | null }>`select to_regclass('schema_version')::text as found`.execute(db);
    if (!table.rows[0]?.found) return 0;
    const result = await sql<{ version: number }>`select version from schema_version where id = 1`.execute(db);
    return Number(result.rows[0]?.version ?? 0);
  }
  const result = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

/**
 * One migration's transaction, holding the lock that keeps a second instance out until it
 * ends: SQLite's write lock taken at BEGIN IMMEDIATE (a deferred BEGIN would read a version
 * another process is about to change), PostgreSQL's advisory lock.
 */
async function inMigrationTransaction(db: Kysely<unknown>, dialect: Dialect, work: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  if (dialect === 'postgres') {
    await db.transaction().execute(async (trx) => {
      await PG_MIGRATE_LOCK.execute(trx);
      await work(trx);
    });
    return;
  }
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      await work(connection);
      await sql`commit`.execute(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

async function setSchemaVersion(db: Kysely<unknown>, dialect: Dialect, version: number): Promise<void> {
  if (dialect === 'postgres') {
    await sql`insert into schema_version (id, version) values (1, ${version}) on conflict (id) do update set version = excluded.version`.execute(db);
  } else {
    // PRAGMA takes no bound parameters; the value is an integer we own.
    await sql.raw(`pragma user_version = ${Math.trunc(version)}`).execute(db);
  }
}

/**
 * Brings the schema to `target` (default: latest), one transaction per migration, so a
 * failed migration leaves the database at the version before it. The version lives in
 * the database; a newer database is refused, never downgraded. On PostgreSQL each step
 * holds an advisory lock and reads the version again under it, so instances starting
 * together migrate once; the migrations' schema-builder statements go through
 * PgSchemaPlugin (SQLite's types → PostgreSQL's).
 */
export async function migrate(db: Kysely<unknown>, target = LATEST_SCHEMA_VERSION, dialect: Dialect = 'sqlite'): Promise<number> {
  if (dialect === 'postgres') {
    await db.transaction().execute(async (trx) => {
      await PG_MIGRATE_LOCK.execute(trx);
      await PG_VERSION_TABLE.execute(trx);
    });
  }
  const found = await schemaVersion(db, dialect);
  if (found > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(found);
  const migrationDb = dialect === 'postgres' ? db.withPlugin(new PgSchemaPlugin()) : db;
  for (const migration of migrations) {
    if (migration.version > target) break;
    if (migration.version <= found) continue;
    await inMigrationTransaction(migrationDb, dialect, async (trx) => {
      // Another instance may have run it since `found` was read: the version is read again under the lock.
      if ((await schemaVersion(trx, dialect)) >= migration.version) return;
      await migration.up(trx, dialect);
      await setSchemaVersion(trx, dialect, migration.version);
    });
  }
  return Math.max(found, Math.min(target, LATEST_SCHEMA_VERSION));
}
