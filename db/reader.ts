import BetterSqlite3 from 'better-sqlite3';

/**
 * Opens the store's file read-only for a worker thread (exports): WAL lets it read the last
 * commit while the app's own connection writes. The schema is the app's: the app migrated
 * the file before any worker opens it. A plain better-sqlite3 connection, apart from
 * open.ts: a worker that only runs SQL loads neither Kysely (≈250 ms of a worker's start)
 * nor the migrations.
 */
export function openReadOnly(path: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
