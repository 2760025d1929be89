import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../main/events';
import { dispatch } from '../../main/handlers/index';
import { createWorkspace, type WorkspaceHost } from '../../main/handlers/workspace';
import { backupDatabase, TEAM_SERVER_BACKUPS } from '../../main/services/backup';
import { openStore } from '../../db/open';
import { createHandlerTable } from '../../main/handlers/index';
import { testStoreKind } from '../helpers/pgServer';
import { FileGrants, FileUploads, GRANT_TTL_MS, type FileAccess } from '../../main/services/fileGrants';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 14: a restore in the app, from a file the window chose (a grant, never a path).
 * Issue 16: on a team server (PostgreSQL) the restore is refused (the server's own tools,
 * pg_restore, restore a shared database), and the data stays as it was; choosing and
 * checking a file works the same.
 */
const onServer = testStoreKind() === 'postgres';

let temp: TempStore;
let workspace: WorkspaceHost;
let events: EventBus;
let heard: string[];
let clock: number;
let files: FileAccess;
beforeEach(async () => {
  temp = await tempStore();
  events = new EventBus();
  heard = [];
  events.listen((name) => heard.push(name));
  clock = FIXED_NOW.getTime();
  files = { grants: new FileGrants(() => clock), picker: null, uploadsDir: join(temp.dir, 'uploads') };
  workspace = createWorkspace({ real: temp.store, reopenReal: () => temp.reopen(), host: 'headless', events, now: () => FIXED_NOW, files, demo: { clients: 2, cdrs: 10, months: 1 } });
});
afterEach(async () => {
  await workspace.close();
  await temp.cleanup().catch(() => undefined);
});

async function call<T>(name: string, input?: unknown): Promise<T> {
  const result = await dispatch(workspace.table, name, input, events);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function addClient(firstName: string): Promise<void> {
  await call('clients.create', { firstName, lastName: 'Restore', email: `${firstName.toLowerCase()}@example.com`, balanceMode: 'soft' });
}

/** Sends a file as the headless window does: in pieces, the last answering with a grant. */
async function upload(path: string, name: string, purpose = 'restore'): Promise<string> {
  const bytes = readFileSync(path);
  const { uploadId } = await call<{ uploadId: string }>('files.uploadBegin', { purpose, name, bytes: bytes.length });
  const piece = 64 * 1024;
  let answer: { grant?: string } = {};
  for (let at = 0; at < bytes.length; at += piece) {
    answer = await call('files.uploadChunk', { uploadId, base64: bytes.subarray(at, at + piece).toString('base64'), last: at + piece >= bytes.length });
  }
  return answer.grant!;
}

/**
 * A backup of the reseller's data as it is now, written to `target`: of the database file itself,
 * or on a team server (where the app writes none) a file with the same clients, as one kept from before a move to it.
 */
let sources = 0;
async function backupNow(target: string): Promise<void> {
  if (temp.store.dialect === 'sqlite') {
    await backupDatabase(temp.store.path, target);
    return;
  }
  const source = join(temp.dir, `source-${(sources += 1)}.db`);
  const file = await openStore(source);
  try {
    const table = createHandlerTable({ store: file, host: 'headless', now: () => FIXED_NOW });
    for (const client of await call<{ name: string; email: string }[]>('clients.list', {})) {
      const [firstName, lastName] = client.name.split(' ');
      const created = await dispatch(table, 'clients.create', { firstName, lastName, email: client.email, balanceMode: 'soft' });
      if (!created.ok) throw new Error(created.error.message);
    }
  } finally {
    await file.close();
  }
  await backupDatabase(source, target);
}

const names = async () => (await call<{ name: string }[]>('clients.list', {})).map((client) => client.name.split(' ')[0]).sort();

describe('restore in the app', () => {
  it('checks the chosen file, replaces the data, keeps the old aside, and every window reads afresh (on a team server: refuses)', async () => {
    await addClient('Ana');
    const saved = join(temp.dir, 'saved.db');
    await backupNow(saved);
    await addClient('Bruno');
    const grant = await upload(saved, 'Monday backup.db');
    expect(await call('backup.inspect', { grant })).toEqual({ name: 'Monday backup.db', schemaVersion: expect.any(Number), clients: 1, calls: 0 });
    if (onServer) {
      // A team server's database is restored by the server's own tools: refused, nothing switched, nothing kept aside.
      expect(await dispatch(workspace.table, 'backup.restore', { grant }, events)).toEqual({ ok: false, error: { code: 'conflict', message: TEAM_SERVER_BACKUPS } });
      expect(await names()).toEqual(['Ana', 'Bruno']);
      expect(heard).not.toContain('workspace.changed');
      expect(readdirSync(temp.dir).some((name) => name.includes('before-restore-'))).toBe(false);
      return;
    }
    const done = await call<{ keptAside: string; clients: number }>('backup.restore', { grant });
    expect(done.clients).toBe(1);
    expect(await names()).toEqual(['Ana']);
    expect(heard).toContain('workspace.changed');
    expect(readdirSync(temp.dir).some((name) => name.startsWith('test.before-restore-'))).toBe(true);
    // A grant serves one restore.
    await expect(call('backup.restore', { grant })).rejects.toThrow(/choose the file again/i);
  });

  it('refuses a file that is not a backup, leaving the data as it was', async () => {
    await addClient('Ana');
    const text = join(temp.dir, 'notes.txt');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(text, 'not a database '.repeat(100));
    const grant = await upload(text, 'notes.db');
    await expect(call('backup.inspect', { grant })).rejects.toThrow(/not an SQLite database/);
    await expect(call('backup.restore', { grant })).rejects.toThrow(onServer ? /pg_dump and pg_restore/ : /not an SQLite database/);
    expect(await names()).toEqual(['Ana']);
  });

  it('refuses from the demo, and refuses a grant given for another purpose or expired', async () => {
    await addClient('Ana');
    const saved = join(temp.dir, 'saved.db');
    await backupNow(saved);
    const forCalls = await upload(saved, 'saved.db', 'cdr');
    await expect(call('backup.inspect', { grant: forCalls })).rejects.toThrow(/chosen for something else/);
    const grant = await upload(saved, 'saved.db');
    clock += GRANT_TTL_MS + 1;
    await expect(call('backup.inspect', { grant })).rejects.toThrow(/expired/);
    const fresh = await upload(saved, 'saved.db');
    await call('workspace.open', { to: 'demo' });
    await expect(call('backup.restore', { grant: fresh })).rejects.toThrow(/go back to your data first/);
    await call('workspace.open', { to: 'real' });
    expect(await names()).toEqual(['Ana']);
  });

  it('refuses an upload bigger or smaller than announced, and keeps no half file', async () => {
    const uploads = new FileUploads(files, () => clock);
    const { uploadId } = uploads.begin({ purpose: 'restore', name: 'x.db', bytes: 4 });
    await expect(uploads.chunk({ uploadId, base64: Buffer.from('12345').toString('base64'), last: true })).rejects.toThrow(/bigger than announced/);
    const short = uploads.begin({ purpose: 'restore', name: 'x.db', bytes: 10 });
    await expect(uploads.chunk({ uploadId: short.uploadId, base64: Buffer.from('123').toString('base64'), last: true })).rejects.toThrow(/smaller than announced/);
    expect(readdirSync(files.uploadsDir)).toEqual([]);
  });

  it('the Open dialog of the host gives a grant, never a path, and cancelling gives null', async () => {
    const saved = join(temp.dir, 'saved.db');
    await backupNow(saved);
    let answer: string | null = saved;
    files.picker = () => Promise.resolve(answer);
    const chosen = await call<{ grant: string; name: string; bytes: number }>('files.choose', { purpose: 'restore' });
    expect(chosen).toEqual({ grant: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'saved.db', bytes: expect.any(Number) });
    expect(JSON.stringify(chosen)).not.toContain(temp.dir);
    expect((await call<{ clients: number }>('backup.inspect', { grant: chosen.grant })).clients).toBe(0);
    answer = null;
    expect(await call('files.choose', { purpose: 'restore' })).toBeNull();
    await expect(call('backup.inspect', { grant: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' })).rejects.toThrow(/expired/);
  });
});
