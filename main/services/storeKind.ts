import type { SqliteStore, Store } from '../../db/open';
import { AppError } from '../errors';

/**
 * Issue 16, team mode, built in slices: a service whose hot path is still SQLite's own (raw
 * better-sqlite3 statements, VACUUM INTO, the one-connection queue) asks for the SQLite store
 * here. On a PostgreSQL store it refuses with a message a person can read, rather than
 * running half its work; each slice of issue 16 removes callers of this until none is left.
 */
export function sqliteOnly(store: Store, feature: string): SqliteStore {
  if (store.dialect === 'sqlite') return store;
  throw new AppError('conflict', `${feature} does not run on a team server (PostgreSQL) yet: use a database file on this computer for it`);
}
