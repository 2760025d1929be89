import type { SqliteStore, Store } from '../../db/open';

/**
 * Issue 16: a test that reads the SQLite file itself (raw statements, pragmas, the file's
 * path, `exclusive`) narrows its store here, in its SQLite branch; the same file gives
 * PostgreSQL a twin check or a tested refusal. Reached on PostgreSQL, it fails with why.
 */
export function asSqlite(store: Store): SqliteStore {
  if (store.dialect !== 'sqlite') throw new Error('This test reads the SQLite file itself; it runs on SQLite only');
  return store;
}
