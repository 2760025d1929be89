import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type SqliteStore } from '../../db/open';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { parseCdrStream } from '../../main/cdr';
import { runCli } from '../../main/cli/run';
import { dispatch } from '../../main/handlers/index';
import { backupDatabase, checkBackupFile, dailyBackup, replaceDatabaseFile, TEAM_SERVER_BACKUPS } from '../../main/services/backup';
import { importCalls } from '../../main/services/calls/importCalls';
import { saveBackupSettings } from '../../main/services/backup';
import { DAILY_BACKUP_CHECK_MS, startDailyBackups } from '../../main/services/dailyBackups';
import { asSqlite } from '../helpers/sqliteOnly';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { testStoreKind } from '../helpers/pgServer';
import { cliStore, type CliStore } from '../helpers/cliStore';
import { createHandlerTable } from '../../main/handlers/index';

/**
 * Issue 14: backups taken while the app writes, and restores that refuse what would lose data.
 * They are copies of a database file (VACUUM INTO). Issue 16: on a team server (PostgreSQL)
 * the server's own tools back the database up; there the app refuses, saying so (the last
 * describe, run instead of the file's when RC_TEST_STORE=postgres).
 */
const onServer = testStoreKind() === 'postgres';

let temp: TempStore;
let store: SqliteStore;
if (!onServer) {
  beforeEach(async () => {
    temp = await tempStore();
    store = asSqlite(temp.store);
  });
  afterEach(() => temp.cleanup());
}

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
function csv(count: number): string {
  const lines = [HEADER];
  for (let k = 0; k < count; k += 1) {
    const second = String(k % 60).padStart(2, '0');
    const minute = String(Math.floor(k / 60) % 60).padStart(2, '0');
    lines.push(`2026-11-2${k % 5} 1${Math.floor(k / 3600) % 10}:${minute}:${second},5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:01:00,60,0.01000000,0.01000000,call-${k}`);
  }
  return lines.join('\n');
}

async function addClient(name: string): Promise<number> {
  const created = await dispatch(temp.table, 'clients.create', { firstName: name, lastName: 'Backup', email: `${name.toLowerCase()}@example.com`, balanceMode: 'soft' });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return (created.value as { id: number }).id;
}

const digest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

if (!onServer) {
  describe('backup', () => {
    it('taken while an import writes: the copy opens, passes the integrity check and holds whole transactions', async () => {
      await addClient('Ana');
      const target = join(temp.dir, 'during-import.db');
      let backup: Promise<unknown> | null = null;
      const committed = new Set<number>([0]);
      const imported = await importCalls(store, parseCdrStream(Readable.from([csv(6_000)]), 'voipms-csv', { batchSize: 200 }), {
        source: 'calls.csv',
        format: 'voipms-csv',
        now: () => FIXED_NOW,
        transactionRows: 400,
        // What the import had committed each time it said so: a consistent copy holds one of these.
        onProgress: (progress) => void committed.add(progress.added),
        // The first commit starts the backup; the import goes on writing while the worker copies.
        onCommit: () => {
          backup ??= backupDatabase(store.path, target);
        },
      });
      expect(imported.added).toBe(6_000);
      expect(backup).not.toBeNull();
      await backup;
      const check = checkBackupFile(target);
      expect(check.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(check.clients).toBe(1);
      // The calls of whole transactions: as many as the import had committed at some point.
      expect(committed.has(check.calls)).toBe(true);
      const copy = new BetterSqlite3(target, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      expect(readdirSync(temp.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    });

    it('from the command line: a file, never over another without --force', async () => {
      await addClient('Ana');
      const out = join(temp.dir, 'copy.db');
      const io = { out: '', err: '' };
      const run = (args: string[]) => runCli(['--db', store.path, ...args], { out: (text) => (io.out += text), err: (text) => (io.err += text) }, { now: () => FIXED_NOW });
      expect(await run(['backup', '--out', out])).toBe(0);
      expect(io.out).toContain('passed SQLite\'s integrity check');
      expect(checkBackupFile(out).clients).toBe(1);
      expect(await run(['backup', '--out', out])).toBe(1);
      expect(io.err).toContain('already exists');
      expect(await run(['backup', '--out', out, '--force', '--json'])).toBe(0);
      expect(await run(['backup', '--out', join(temp.dir, 'no-such-folder', 'x.db')])).toBe(1);
      expect(io.err).toContain('does not exist');
    });

    it('daily while the app runs: at the start and at each hourly check, as the settings say; a failure is logged', async () => {
      let tick: (() => void) | null = null;
      const timers = { setInterval: (callback: () => void, ms: number) => ((tick = callback), expect(ms).toBe(DAILY_BACKUP_CHECK_MS)), clearInterval: () => (tick = null) };
      let now = new Date('2026-12-01T09:00:00');
      const logged: string[] = [];
      await saveBackupSettings(store.db, { daily: true, keep: 2 });
      const backups = startDailyBackups({ store: (work) => work(store), now: () => now, log: (line) => void logged.push(line), timers });
      await backups.check();
      const folder = join(temp.dir, 'backups');
      expect(readdirSync(folder)).toEqual(['test-2026-12-01.db']);
      for (const day of ['2026-12-02', '2026-12-03']) {
        now = new Date(`${day}T00:30:00`);
        tick!();
        await backups.check();
      }
      expect(readdirSync(folder).sort()).toEqual(['test-2026-12-02.db', 'test-2026-12-03.db']);
      expect(logged.filter((line) => line.startsWith('Daily backup written'))).toHaveLength(3);
      await saveBackupSettings(store.db, { daily: false, keep: 2 });
      now = new Date('2026-12-04T00:30:00');
      await backups.check();
      expect(readdirSync(folder)).toHaveLength(2);
      const failing = startDailyBackups({ store: () => Promise.reject(new Error('disk full')), log: (line) => void logged.push(line), timers });
      await failing.check();
      expect(logged.at(-1)).toBe('The daily backup failed: disk full');
      backups.stop();
      expect(tick).toBeNull();
    });

    it('daily: one a day, the newest kept', async () => {
      const folder = join(temp.dir, 'backups');
      const days = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
      for (const today of days) expect(await dailyBackup({ databasePath: store.path, folder, keep: 2, today })).not.toBeNull();
      expect(await dailyBackup({ databasePath: store.path, folder, keep: 2, today: '2026-12-04' })).toBeNull();
      expect(readdirSync(folder).sort()).toEqual(['test-2026-12-03.db', 'test-2026-12-04.db']);
    });
  });

  describe('restore', () => {
    async function backupWithOneClient(): Promise<string> {
      await addClient('Ana');
      const saved = join(temp.dir, 'saved.db');
      await backupDatabase(store.path, saved);
      await addClient('Bruno');
      return saved;
    }

    /** Closes the test's store, runs the restore on the file, and opens it again (as the app's workspace does). */
    async function restoreFrom(from: string) {
      const path = store.path;
      await store.close();
      try {
        return await replaceDatabaseFile(path, from, FIXED_NOW, async () => {
          const reopened = await openStore(path);
          await reopened.close();
        });
      } finally {
        store = await openStore(path);
      }
    }

    const clientNames = () => store.sqlite.prepare('select first_name from clients order by id').pluck().all();

    it('puts the backup in place and keeps the database it replaced aside', async () => {
      const saved = await backupWithOneClient();
      expect(clientNames()).toEqual(['Ana', 'Bruno']);
      const result = await restoreFrom(saved);
      expect(clientNames()).toEqual(['Ana']);
      expect(result.keptAside).toBe(join(temp.dir, 'test.before-restore-2026-11-25T12-00-00.db'));
      const aside = new BetterSqlite3(result.keptAside, { readonly: true });
      expect(aside.prepare('select count(*) from clients').pluck().get()).toBe(2);
      aside.close();
    });

    it('refuses a damaged file, a newer version’s and one that is not SQLite, and leaves the data as it was', async () => {
      const saved = await backupWithOneClient();
      const damaged = join(temp.dir, 'damaged.db');
      copyFileSync(saved, damaged);
      const bytes = readFileSync(damaged);
      // Overwrite a page in the middle of the file (a table's b-tree page) with noise.
      const page = 4096;
      for (let k = 2 * page; k < Math.min(bytes.length, 4 * page); k += 1) bytes[k] = (k * 7919) % 251;
      writeFileSync(damaged, bytes);
      const newer = join(temp.dir, 'newer.db');
      copyFileSync(saved, newer);
      const raw = new BetterSqlite3(newer);
      raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      raw.close();
      const text = join(temp.dir, 'calls.db');
      writeFileSync(text, `${HEADER}\n`.repeat(100));
      const otherApp = join(temp.dir, 'other.db');
      const other = new BetterSqlite3(otherApp);
      other.exec('create table notes (id integer primary key, body text); insert into notes (body) values (\'x\');');
      other.pragma('user_version = 3');
      other.close();

      store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const before = digest(store.path);
      const cases: [string, RegExp][] = [
        [damaged, /damaged/],
        [newer, /newer version of Reseller Console/],
        [text, /not an SQLite database/],
        [otherApp, /not one of Reseller Console/],
        [join(temp.dir, 'missing.db'), /no such file/],
      ];
      for (const [file, message] of cases) {
        await expect(restoreFrom(file), file).rejects.toThrow(message);
        store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
        expect(digest(store.path)).toBe(before);
        expect(clientNames()).toEqual(['Ana', 'Bruno']);
      }
      expect(readdirSync(temp.dir).filter((name) => name.includes('before-restore') || name.endsWith('.restoring'))).toEqual([]);
    });

    it('from the command line: checked, replaced, the old one named', async () => {
      const saved = await backupWithOneClient();
      const path = store.path;
      await store.close();
      const io = { out: '', err: '' };
      const run = (args: string[]) => runCli(['--db', path, ...args], { out: (text) => (io.out += text), err: (text) => (io.err += text) }, { now: () => FIXED_NOW });
      const text = join(temp.dir, 'notes.txt');
      writeFileSync(text, 'hello '.repeat(200));
      expect(await run(['restore', '--from', text])).toBe(1);
      expect(io.err).toContain('not an SQLite database');
      expect(await run(['restore', '--from', saved])).toBe(0);
      expect(io.out).toContain('1 clients');
      expect(io.out).toContain('kept at');
      store = await openStore(path);
      expect(clientNames()).toEqual(['Ana']);
      expect(existsSync(join(temp.dir, 'test.before-restore-2026-11-25T12-00-00.db'))).toBe(true);
    });
  });
}

if (onServer) {
  describe('backups on a team server (PostgreSQL)', () => {
    let server: CliStore;
    beforeEach(async () => {
      server = await cliStore();
    });
    afterEach(async () => {
      vi.unstubAllEnvs();
      await server.cleanup();
    });

    it('the channels refuse with what to use instead (pg_dump), and the status says so for the Backups screen', async () => {
      const table = createHandlerTable({ store: server.store, host: 'headless', now: () => FIXED_NOW });
      const refusal = { ok: false, error: { code: 'conflict', message: TEAM_SERVER_BACKUPS } };
      expect(TEAM_SERVER_BACKUPS).toMatch(/team server \(PostgreSQL\).*pg_dump and pg_restore/);
      expect(await dispatch(table, 'backup.create', undefined)).toEqual(refusal);
      expect(await dispatch(table, 'backup.saveSettings', { daily: true, keep: 3 })).toEqual(refusal);
      expect(await dispatch(table, 'backup.restore', { grant: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' })).toEqual(refusal);
      expect(await dispatch(table, 'backup.status', undefined)).toEqual({ ok: true, value: { daily: false, keep: 7, folder: '', recent: [], teamServer: TEAM_SERVER_BACKUPS } });
      // Nothing of a backup was written beside the database, nor a setting saved.
      expect(readdirSync(server.dir).filter((name) => name.endsWith('.db') || name === 'backups')).toEqual([]);
      expect(await server.store.db.selectFrom('settings').select('key').where('key', '=', 'backup').execute()).toEqual([]);
    });

    it('the daily backup has nothing due on a server database, and logs nothing', async () => {
      const logged: string[] = [];
      let tick: (() => void) | null = null;
      const timers = { setInterval: (callback: () => void) => (tick = callback), clearInterval: () => (tick = null) };
      let lent = 0;
      const backups = startDailyBackups({ store: (work) => ((lent += 1), work(server.store)), now: () => FIXED_NOW, log: (line) => void logged.push(line), timers });
      await backups.check();
      tick!();
      await backups.check();
      backups.stop();
      // It did look (the store was lent), and found nothing to do.
      expect(lent).toBeGreaterThanOrEqual(2);
      expect(logged).toEqual([]);
      expect(existsSync(join(server.dir, 'backups'))).toBe(false);
    });

    it('the command line refuses backup and restore with --db postgres://…, naming pg_dump, and writes nothing', async () => {
      const out = join(server.dir, 'copy.db');
      const backup = await server.cli(['backup', '--out', out]);
      expect(backup.code).toBe(1);
      expect(backup.err).toMatch(/^error: "backup" works on a database file; on a team server use PostgreSQL's own tools \(pg_dump\)/);
      expect(existsSync(out)).toBe(false);
      const file = join(server.dir, 'saved.db');
      writeFileSync(file, 'not used');
      const restore = await server.cli(['restore', '--from', file]);
      expect(restore.code).toBe(1);
      expect(restore.err).toContain('pg_dump');
    });
  });
}
