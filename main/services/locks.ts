import { sql, type Kysely } from 'kysely';
import type { Store } from '../../db/open';
import type { Database } from '../../db/schema';

/**
 * Issue 16, team mode: several instances of the app on one PostgreSQL database. SQLite has
 * one writer at a time, so none of this is needed there; on PostgreSQL these locks make the
 * instances take turns where a read decides a write.
 */

/** Holds a client's row until the transaction ends (PostgreSQL): invoices and billing of one client go one after the other. */
export async function lockClient(trx: Kysely<Database>, dialect: Store['dialect'], clientId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await trx.selectFrom('clients').select('id').where('id', '=', clientId).forUpdate().execute();
}

/** Holds a client package's row until the transaction ends (PostgreSQL), after its client's (the door's order: clients first). */
export async function lockClientPackage(trx: Kysely<Database>, dialect: Store['dialect'], clientPackageId: number): Promise<void> {
  if (dialect !== 'postgres') return;
  await trx.selectFrom('client_packages').select('id').where('id', '=', clientPackageId).forUpdate().execute();
}

/**
 * Runs `work` holding a PostgreSQL advisory lock named `name` on a connection of its own: a
 * second instance asking for the same lock waits until the first has finished (its
 * connection dropping releases it too, so a crashed instance never blocks the others).
 * `onWait` is told once when the lock is taken by someone else. SQLite: runs `work` at once.
 */
export async function withAdvisoryLock<T>(store: Store, name: string, work: () => Promise<T>, onWait?: () => void): Promise<T> {
  if (store.dialect !== 'postgres') return work();
  return store.db.connection().execute(async (connection) => {
    const key = sql`hashtextextended(${name}, 0)`;
    const taken = await sql<{ taken: boolean }>`select pg_try_advisory_lock(${key}) as taken`.execute(connection);
    if (!taken.rows[0]?.taken) {
      onWait?.();
      await sql`select pg_advisory_lock(${key})`.execute(connection);
    }
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(connection);
    }
  });
}
