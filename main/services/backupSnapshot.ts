import type BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';

/**
 * The worker's job 'db.snapshot' (backup.ts): `VACUUM INTO` on its read-only connection, one
 * read transaction, so the copy holds the last commit whole while the app's connection writes.
 * A module of its own: the worker loads neither Kysely nor the migrations for it.
 */
export function snapshotInto(sqlite: BetterSqlite3.Database, input: { target: string }): { bytes: number } {
  sqlite.prepare('vacuum into ?').run(input.target);
  return { bytes: statSync(input.target).size };
}
