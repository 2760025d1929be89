import { sql } from 'kysely';
import type { Store } from '../../db/open';

/**
 * A fault for tests on either store (issue 16): `table` refuses `event` on the rows `when`
 * holds for (SQL on NEW for an insert, OLD for a delete; every row when absent) with
 * `message`, as a crash or a full disk would stop the statement. A trigger on SQLite, a
 * trigger and its plpgsql function on PostgreSQL. Returns what takes it away.
 */
export async function refuseRows(
  store: Store,
  name: string,
  fault: { table: string; event: 'insert' | 'delete' | 'update'; when?: string; message: string },
): Promise<() => Promise<void>> {
  const quoted = fault.message.replaceAll("'", "''");
  if (store.dialect === 'sqlite') {
    store.sqlite.exec(`create trigger ${name} before ${fault.event} on ${fault.table} ${fault.when ? `when ${fault.when}` : ''} begin select raise(abort, '${quoted}'); end`);
    return async () => void store.sqlite.exec(`drop trigger ${name}`);
  }
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${quoted}'; end $$`).execute(store.db);
  await sql.raw(`create trigger ${name} before ${fault.event} on ${fault.table} for each row ${fault.when ? `when (${fault.when})` : ''} execute function ${name}()`).execute(store.db);
  return async () => {
    await sql.raw(`drop trigger ${name} on ${fault.table}`).execute(store.db);
    await sql.raw(`drop function ${name}()`).execute(store.db);
  };
}
