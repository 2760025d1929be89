import { sql, type Kysely } from 'kysely';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index';

export class SchemaTooNewError extends Error {
  readonly code = 'db_too_new';
  constructor(found: number) {
    super(
      `This database was written by a newer version of Reseller Console (schema ${found}; ` +
        `this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it; it was not changed.`,
    );
  }
}

export async function schemaVersion(db: Kysely<unknown>): Promise<number> {
  const result = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

/**
 * Brings the schema to `target` (default: latest) inside one transaction, so a failed
 * migration leaves the file as it was. The version lives in the database (user_version);
 * a newer database is refused, never downgraded.
 */
export async function migrate(db: Kysely<unknown>, target = LATEST_SCHEMA_VERSION): Promise<number> {
  const current = await schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(current);
  if (current >= target) return current;
  await db.transaction().execute(async (trx) => {
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      await migration.up(trx);
    }
    // PRAGMA takes no bound parameters; the value is an integer we own.
    await sql.raw(`pragma user_version = ${Math.trunc(target)}`).execute(trx);
  });
  return target;
}
