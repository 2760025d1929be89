import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { SchemaTooNewError } from '../../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../../db/migrations/index';
import { openStore } from '../../../db/open';
import type { Database } from '../../../db/schema';
import { AppError } from '../../errors';

/**
 * The file `db copy` reads, never written: opened read-only, and read inside one read
 * transaction, so every table and every check sees the same moment even while the app
 * goes on writing the file (WAL). A file of an older schema is first copied to a temp
 * file (SQLite's online backup) and that copy migrated, as the app would on opening it.
 */
export interface CopySource {
  sqlite: BetterSqlite3.Database;
  /** Kysely on the same read-only connection (the checks are written once for both dialects). */
  db: Kysely<Database>;
  /** The schema version of the file as found (the copy is of the latest). */
  foundVersion: number;
  /** Whether the rows come from a migrated temp copy of an older file. */
  migrated: boolean;
  close(): Promise<void>;
}

function openReadOnly(path: string): BetterSqlite3.Database {
  try {
    return new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new AppError('invalid_input', `Cannot read ${path} as a Reseller Console database: ${reason}`);
}

/** The file's schema version; an error when it is not a SQLite database at all. */
function versionOf(sqlite: BetterSqlite3.Database, path: string): number {
  try {
    const version = Number(sqlite.pragma('user_version', { simple: true }));
    const tables = Number(sqlite.prepare<[], { n: number }>(`select count(*) as n from sqlite_master where type = 'table'`).get()?.n ?? 0);
    // An empty file is a valid, empty SQLite database: not a reseller's.
    if (version === 0 && tables === 0) throw new Error('it is empty');
    if (version === 0) throw new Error('it is a SQLite database of another program');
    return version;
  } catch (error) {
    throw unreadable(path, error);
  }
}

export async function openCopySource(path: string): Promise<CopySource> {
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new AppError('not_found', `There is no file at ${path}`);
  }
  if (!info.isFile()) throw new AppError('invalid_input', `${path} is not a file`);
  let sqlite = openReadOnly(path);
  let tempDir: string | null = null;
  try {
    const foundVersion = versionOf(sqlite, path);
    if (foundVersion > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(foundVersion);
    if (foundVersion < LATEST_SCHEMA_VERSION) {
      tempDir = mkdtempSync(join(tmpdir(), 'rc-db-copy-'));
      const copy = join(tempDir, 'source.db');
      await sqlite.backup(copy);
      sqlite.close();
      const store = await openStore(copy);
      await store.close();
      sqlite = openReadOnly(copy);
    }
    // One snapshot for the whole copy: the read transaction starts at the first read and ends at close.
    sqlite.exec('begin');
    sqlite.prepare('select count(*) from sqlite_master').get();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const opened = sqlite;
    const folder = tempDir;
    return {
      sqlite: opened,
      db,
      foundVersion,
      migrated: folder !== null,
      close: async () => {
        if (opened.inTransaction) opened.exec('rollback');
        await db.destroy();
        // Kysely closes the connection only if it ever used it.
        if (opened.open) opened.close();
        if (folder) rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
}
