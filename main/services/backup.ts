import BetterSqlite3 from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { SqliteStore } from '../../db/open';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import type { Database } from '../../db/schema';
import { localDate } from '../../preload/common/dates';
import { backupSettingsInput, type BackupStatus } from '../../preload/schemas/files';
import { AppError } from '../errors';
import { WorkerPool } from '../workers/pool';

/**
 * Backup and restore of the reseller's database (issue 14), for the app (Settings) and the
 * command line (`backup --out F`, `restore --from F`).
 *
 * A backup is a snapshot of one read transaction (`VACUUM INTO` on a read-only connection
 * of a worker thread): WAL lets it read the last commit while the app's own connection
 * writes (an import, a payment), neither waits for the other, and the copy holds whole
 * transactions only. It is written beside its target and renamed when checked, so a target
 * never holds half a file. SQLite's backup API was not used: it starts over whenever another
 * connection writes, so a backup during an import would never end.
 *
 * A restore checks the file first (an SQLite file, whole, of this app, not of a newer
 * version), keeps the database it replaces aside (`reseller.before-restore-….db`), and puts
 * it back if the restored one does not open.
 */

/**
 * Issue 16, team mode: what a reseller on a team server (PostgreSQL) is told instead of a
 * backup. This app's backups are copies of a database file (VACUUM INTO) kept beside it on
 * one computer; a shared server's database is backed up by the server's own tools, which
 * copy it whole while every instance goes on writing (pg_dump's snapshot), and restored
 * there (pg_restore) with every instance stopped, not by one app replacing it under the others.
 */
export const TEAM_SERVER_BACKUPS =
  'This database is on a team server (PostgreSQL): back it up and restore it with the server\'s own tools — pg_dump and pg_restore, or the backups your database administrator runs. ' +
  'The app\'s backups are copies of a database file on this computer, so "Back up now", the daily backup and a restore are off here.';

/** Refuses a backup, a daily backup's settings or a restore on a team server (TEAM_SERVER_BACKUPS). */
export function refuseOnTeamServer(): never {
  throw new AppError('conflict', TEAM_SERVER_BACKUPS);
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** The tables a file must hold to be a Reseller Console database (the first migrations' own). */
const REQUIRED_TABLES = ['settings', 'packages', 'clients', 'ledger_entries', 'calls'];

export interface BackupResult {
  path: string;
  bytes: number;
  schemaVersion: number;
}

export interface BackupCheck {
  schemaVersion: number;
  clients: number;
  calls: number;
}

const refused = (message: string): AppError => new AppError('invalid_input', message, [{ path: 'file', message }]);

/** The side files of an SQLite database in WAL mode. */
const SIDE_FILES = ['', '-wal', '-shm'];

function hasSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(16);
  const file = openSync(path, 'r');
  try {
    return readSync(file, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(file);
  }
}

/**
 * Whether `path` is a whole Reseller Console database this app can open: refused, with the
 * reason in one sentence, when it is missing, not SQLite, damaged (integrity or foreign
 * keys), of another program, or written by a newer version of the app.
 */
export function checkBackupFile(path: string): BackupCheck {
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) throw refused(`${basename(path)} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refused(`${basename(path)} cannot be read: no such file.`);
  }
  if (size < 512 || !hasSqliteHeader(path)) throw refused(`${basename(path)} is not a Reseller Console backup: it is not an SQLite database.`);
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const tables = new Set(sqlite.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]);
    const version = Number(sqlite.pragma('user_version', { simple: true }));
    if (version > LATEST_SCHEMA_VERSION) {
      throw refused(`${basename(path)} was written by a newer version of Reseller Console (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to restore it.`);
    }
    if (version < 1 || REQUIRED_TABLES.some((table) => !tables.has(table))) throw refused(`${basename(path)} is an SQLite database, but not one of Reseller Console.`);
    const integrity = sqlite.pragma('integrity_check(20)', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      throw refused(`${basename(path)} is damaged (SQLite's integrity check: ${integrity.slice(0, 3).map((row) => row.integrity_check).join('; ')}).`);
    }
    const orphans = sqlite.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw refused(`${basename(path)} is damaged: ${orphans.length} rows point to rows that are not there.`);
    return {
      schemaVersion: version,
      clients: Number(sqlite.prepare('select count(*) from clients').pluck().get()),
      calls: Number(sqlite.prepare('select count(*) from calls').pluck().get()),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refused(`${basename(path)} is damaged or not a Reseller Console database (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`);
  } finally {
    sqlite?.close();
  }
}

/** Writes a snapshot of the database at `databasePath` to `target` (see above); the app keeps working meanwhile. */
export async function backupDatabase(databasePath: string, target: string): Promise<BackupResult> {
  if (!existsSync(databasePath)) throw new AppError('not_found', 'There is no database to back up yet');
  const partial = `${target}.partial`;
  for (const suffix of SIDE_FILES) rmSync(partial + suffix, { force: true });
  const pool = new WorkerPool(databasePath, 1);
  try {
    await pool.run('db.snapshot', { target: partial });
    const check = checkBackupFile(partial);
    renameSync(partial, target);
    return { path: target, bytes: statSync(target).size, schemaVersion: check.schemaVersion };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The backup was not written: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pool.close();
  }
}

/** `reseller.db` → `reseller.before-restore-2026-12-07T10-00-00.db`, beside it. */
export function asidePathFor(databasePath: string, now: Date): string {
  const extension = extname(databasePath) || '.db';
  const stamp = now.toISOString().slice(0, 19).replaceAll(':', '-');
  return join(dirname(databasePath), `${basename(databasePath, extname(databasePath))}.before-restore-${stamp}${extension}`);
}

export interface RestoreResult extends BackupCheck {
  /** Where the database it replaced was kept. */
  keptAside: string;
}

/**
 * Replaces the database file at `databasePath` with the backup `from`, once checked. The
 * caller has closed every connection to it (the app's workspace does, the command line
 * opens none) and reopens it after; `reopen` failing puts the old file back.
 */
export async function replaceDatabaseFile(databasePath: string, from: string, now: Date, reopen: () => Promise<void>): Promise<RestoreResult> {
  const check = checkBackupFile(from);
  // The backup is copied next to the database first (another disk, a slow share), then checked again there.
  const incoming = `${databasePath}.restoring`;
  for (const suffix of SIDE_FILES) rmSync(incoming + suffix, { force: true });
  try {
    copyFileSync(from, incoming);
    checkBackupFile(incoming);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }
  const aside = asidePathFor(databasePath, now);
  const moved: string[] = [];
  try {
    for (const suffix of SIDE_FILES) {
      if (!existsSync(databasePath + suffix)) continue;
      renameSync(databasePath + suffix, aside + suffix);
      moved.push(suffix);
    }
    renameSync(incoming, databasePath);
    await reopen();
  } catch (error) {
    // Back as it was: the restored file goes, the old one returns.
    for (const suffix of SIDE_FILES) rmSync(databasePath + suffix, { force: true });
    for (const suffix of moved) renameSync(aside + suffix, databasePath + suffix);
    rmSync(incoming, { force: true });
    throw error;
  }
  return { ...check, keptAside: aside };
}

/** The automatic daily backups' names: `reseller-2026-12-07.db` in the backups folder. */
const DAILY = /^(.+)-(\d{4}-\d{2}-\d{2})\.db$/;

export interface DailyBackupOptions {
  databasePath: string;
  folder: string;
  /** How many daily backups to keep (the oldest go). */
  keep: number;
  /** The local date today, YYYY-MM-DD. */
  today: string;
}

/**
 * The automatic daily backup: one a day (none when today's is there), then only the `keep`
 * newest of this database's daily backups are kept. Returns the backup made, or null.
 */
export async function dailyBackup(options: DailyBackupOptions): Promise<BackupResult | null> {
  const name = basename(options.databasePath, extname(options.databasePath));
  mkdirSync(options.folder, { recursive: true });
  const target = join(options.folder, `${name}-${options.today}.db`);
  let made: BackupResult | null = null;
  if (!existsSync(target)) made = await backupDatabase(options.databasePath, target);
  const ours = readdirSync(options.folder)
    .map((file) => DAILY.exec(file))
    .filter((match): match is RegExpExecArray => match !== null && match[1] === name)
    .map((match) => ({ file: match[0], date: match[2]! }))
    .sort((a, b) => b.date.localeCompare(a.date));
  for (const old of ours.slice(Math.max(1, options.keep))) rmSync(join(options.folder, old.file), { force: true });
  return made;
}

/** The daily backups' folder: `backups` in the store's folder, beside the database. */
export const backupsFolderFor = (storeFolder: string): string => join(storeFolder, 'backups');

const SETTINGS_KEY = 'backup';
const DEFAULT_SETTINGS = { daily: true, keep: 7 };

/** Whether the app backs up daily, and how many it keeps (Settings → Backup). */
export async function backupSettings(db: Kysely<Database>): Promise<{ daily: boolean; keep: number }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  const parsed = backupSettingsInput.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function saveBackupSettings(db: Kysely<Database>, settings: { daily: boolean; keep: number }): Promise<void> {
  const value = JSON.stringify(settings);
  await db.insertInto('settings').values({ key: SETTINGS_KEY, value }).onConflict((conflict) => conflict.column('key').doUpdateSet({ value })).execute();
}

/** The settings and the daily backups there are, newest first. */
export async function backupStatus(store: Pick<SqliteStore, 'db' | 'path' | 'folder'>): Promise<BackupStatus> {
  const settings = await backupSettings(store.db);
  const folder = backupsFolderFor(store.folder);
  const name = basename(store.path, extname(store.path));
  const recent = existsSync(folder)
    ? readdirSync(folder)
        .map((file) => DAILY.exec(file))
        .filter((match): match is RegExpExecArray => match !== null && match[1] === name)
        .map((match) => ({ name: match[0], date: match[2]!, bytes: statSync(join(folder, match[0])).size }))
        .sort((a, b) => b.date.localeCompare(a.date))
    : [];
  return { ...settings, folder, recent, teamServer: null };
}

/** Issue 16: the Backups screen on a team server: no daily backups of the app's, and why (TEAM_SERVER_BACKUPS). */
export const teamServerBackupStatus = (): BackupStatus => ({ daily: false, keep: DEFAULT_SETTINGS.keep, folder: '', recent: [], teamServer: TEAM_SERVER_BACKUPS });

/**
 * The daily backup of the database open now, when the settings ask for one and today's is
 * not there yet (the app's start, then every hour while it runs: a computer asleep at
 * midnight still gets its day's backup). Errors are the caller's to log.
 */
export async function dailyBackupIfDue(store: Pick<SqliteStore, 'db' | 'path' | 'folder'>, now: Date): Promise<BackupResult | null> {
  const settings = await backupSettings(store.db);
  if (!settings.daily) return null;
  return dailyBackup({ databasePath: store.path, folder: backupsFolderFor(store.folder), keep: settings.keep, today: localDate(now) });
}
