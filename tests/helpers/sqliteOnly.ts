import type { SqliteStore, Store } from '../../db/open';

/**
 * Issue 16: a test that reads the SQLite file itself (raw statements, pragmas, the file's
 * path, `exclusive`) narrows its store here. On PostgreSQL it fails with why: such a test
 * belongs on tests/pg-pending.txt until it has a PostgreSQL twin.
 */
export function asSqlite(store: Store): SqliteStore {
  if (store.dialect !== 'sqlite') throw new Error('This test reads the SQLite file itself; it runs on SQLite only (tests/pg-pending.txt)');
  return store;
}
