import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/open';
import { EventBus } from '../../main/events';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { createWorkspace, type WorkspaceHost } from '../../main/handlers/workspace';
import type { AppEvents, EventName } from '../../preload/events';
import type { AppInfo } from '../../preload/schemas/app';
import type { ClientSummary } from '../../preload/schemas/clients';
import type { ImportJobView } from '../../preload/schemas/calls';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { testStoreKind } from '../helpers/pgServer';

/** A small demo: the switch is what is tested here, the demo itself in demo.test.ts. */
const SMALL_DEMO = { clients: 4, cdrs: 200, seed: 3, months: 2 };

/** Issue 16: the reseller's own database is a file, or a team server's (PostgreSQL); the demo is a file either way. */
const onServer = testStoreKind() === 'postgres';
let temp: TempStore;
let dir: string;
/** Where AppInfo says the reseller's own database is: the file's path, or the server's URL without its password. */
let realLocation: string;
/** The demo's file: beside the reseller's file, or in the app's folder beside a server's database (`reseller-demo.db`). */
let demoPath: string;
let events: EventBus;
let heard: [EventName, unknown][];
let workspace: WorkspaceHost;

async function call<T>(name: string, input?: unknown): Promise<T> {
  const result = await dispatch(workspace.table, name, input, events);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const clientNames = async (): Promise<string[]> =>
  (await call<ClientSummary[]>('clients.list', {})).map((client) => client.name).sort();

/** Every row of every table of a closed file, read on a connection of its own (read-only). */
function fingerprint(path: string): { rows: Record<string, number>; digest: string } {
  const database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = (database.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((row) => row.name);
    const hash = createHash('sha256');
    const rows: Record<string, number> = {};
    for (const table of tables) {
      const all = database.prepare(`select * from "${table}" order by 1`).all();
      rows[table] = all.length;
      hash.update(table + JSON.stringify(all));
    }
    return { rows, digest: hash.digest('hex') };
  } finally {
    database.close();
  }
}

const fileDigest = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Every row of every table of the server's database, read on a connection of the test's own. */
async function serverFingerprint(store: Store): Promise<{ rows: Record<string, number>; digest: string }> {
  const tables = (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(store.db)).rows.map((row) => row.name);
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const table of tables) {
    const all = (await sql`select * from ${sql.table(table)} order by 1`.execute(store.db)).rows;
    rows[table] = all.length;
    hash.update(table + JSON.stringify(all));
  }
  return { rows, digest: hash.digest('hex') };
}

/** The connections to this database other than `store`'s own: none once the workspace closed its pool (the server may take a moment to end them). */
async function otherConnections(store: Store): Promise<number> {
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(store.db)).rows[0]!.n);
  const deadline = Date.now() + 15_000;
  let seen = await count();
  while (seen > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await count();
  }
  return seen;
}

/** The reseller's own database as it stands while the demo is open: a closed file (read-only connection), or the server's (a check connection). */
async function realWhileDemo(): Promise<{ rows: Record<string, number>; digest: string; otherConnections: number }> {
  if (!onServer) return { ...fingerprint(realLocation), otherConnections: 0 };
  const store = await temp.reopen();
  try {
    return { ...(await serverFingerprint(store)), otherConnections: await otherConnections(store) };
  } finally {
    await store.close();
  }
}

function waitFor<K extends EventName>(name: K, until: (payload: AppEvents[K]) => boolean): Promise<AppEvents[K]> {
  return new Promise((resolve) => {
    const stop = events.listen((heardName, payload) => {
      if ((heardName as EventName) === name && until(payload as AppEvents[K])) {
        stop();
        resolve(payload as AppEvents[K]);
      }
    });
  });
}

beforeEach(async () => {
  temp = await tempStore();
  dir = temp.dir;
  realLocation = temp.store.location;
  demoPath = join(dir, onServer ? 'reseller-demo.db' : 'test-demo.db');
  events = new EventBus();
  heard = [];
  events.listen((name, payload) => heard.push([name, payload]));
  workspace = createWorkspace({ real: temp.store, reopenReal: () => temp.reopen(), host: 'headless', events, now: () => FIXED_NOW, demo: SMALL_DEMO });
  await call('clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
});

afterEach(async () => {
  await workspace.close();
  // The workspace closed the store it was given (and may have opened it again): closing it twice is harmless.
  await temp.cleanup();
});

describe('the demo workspace (issue 10: demo data kept apart from real data)', () => {
  it('opens the demo in its own file beside the real one, leaves the real file as it was, and comes back to it', async () => {
    const before = await call<AppInfo>('app.info');
    expect(before).toMatchObject({ workspace: 'real', databasePath: realLocation, demoDatabasePath: demoPath, demoExists: false });
    heard.length = 0;

    const demo = await call<AppInfo>('workspace.open', { to: 'demo' });
    expect(demo).toMatchObject({ workspace: 'demo', databasePath: demoPath, demoExists: true });
    expect(await call<AppInfo>('app.info')).toEqual(demo);
    expect(existsSync(demoPath)).toBe(true);
    expect(await clientNames()).toHaveLength(SMALL_DEMO.clients);
    expect(await clientNames()).not.toContain('Ann Lee');
    // Every window forgets what it read: one workspace.changed, and a data.changed of every domain.
    expect(heard.filter(([name]) => name === 'workspace.changed')).toEqual([['workspace.changed', { workspace: 'demo' }]]);
    expect(heard.find(([name]) => name === 'data.changed')?.[1]).toEqual({
      domains: expect.arrayContaining(['packages', 'pricing', 'costs', 'clients', 'ledger', 'dids', 'subaccounts', 'billing', 'notices', 'calls']),
    });

    // The real database is closed while the demo is open (a file: all of it in the file, no write-ahead log;
    // a team server's: no connection of this instance left): one client, nothing of the demo's.
    if (!onServer) expect(existsSync(`${realLocation}-wal`)).toBe(false);
    const whileDemo = await realWhileDemo();
    expect(whileDemo.otherConnections).toBe(0);
    expect(whileDemo.rows.clients).toBe(1);
    expect(whileDemo.rows.calls).toBe(0);
    expect(whileDemo.rows.packages).toBe(0);

    // A change in the demo stays in the demo: the real database is the same, row for row (a file: byte for byte).
    const realBytes = onServer ? null : fileDigest(realLocation);
    await call('clients.create', { firstName: 'Demo', lastName: 'Marker', email: 'marker@example.com', balanceMode: 'soft' });
    expect(await realWhileDemo()).toEqual(whileDemo);
    if (realBytes !== null) expect(fileDigest(realLocation)).toBe(realBytes);

    const back = await call<AppInfo>('workspace.open', { to: 'real' });
    expect(back).toMatchObject({ workspace: 'real', databasePath: realLocation, demoExists: true });
    expect(await clientNames()).toEqual(['Ann Lee']);
    expect(heard.filter(([name]) => name === 'workspace.changed').at(-1)).toEqual(['workspace.changed', { workspace: 'real' }]);
  });

  it('reopens the same demo the second time, and builds it afresh when asked to start again', async () => {
    await call('workspace.open', { to: 'demo' });
    await call('clients.create', { firstName: 'Demo', lastName: 'Marker', email: 'marker@example.com', balanceMode: 'soft' });
    await call('workspace.open', { to: 'real' });

    await call('workspace.open', { to: 'demo' });
    expect(await clientNames()).toContain('Demo Marker');
    expect(await clientNames()).toHaveLength(SMALL_DEMO.clients + 1);

    // "Start the demo again", from inside the demo: the open demo file is replaced.
    await call('workspace.open', { to: 'demo', startOver: true });
    expect(await clientNames()).not.toContain('Demo Marker');
    expect(await clientNames()).toHaveLength(SMALL_DEMO.clients);
    expect(workspace.current()).toEqual({ workspace: 'demo', path: demoPath });
    expect(existsSync(`${demoPath}.building`)).toBe(false);

    await call('workspace.open', { to: 'real' });
    expect(await clientNames()).toEqual(['Ann Lee']);
  });

  it('asking for the workspace already open changes nothing', async () => {
    const info = await call<AppInfo>('workspace.open', { to: 'real' });
    expect(info).toMatchObject({ workspace: 'real', demoExists: false });
    expect(existsSync(demoPath)).toBe(false);
    expect(heard.some(([name]) => name === 'workspace.changed')).toBe(false);
  });

  it('refuses to switch while an import runs, with a clear message, and switches once it ended', async () => {
    const job = await call<ImportJobView>('calls.importBegin', { fileName: 'calls.csv', totalBytes: 1000 });
    expect(job.status).toBe('running');
    const refused = await dispatch(workspace.table, 'workspace.open', { to: 'demo' }, events);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'An import of calls is running: wait for it to finish (or cancel it), then switch. Your data and the demo were left as they are.' },
    });
    expect(existsSync(demoPath)).toBe(false);
    expect((await call<AppInfo>('app.info')).workspace).toBe('real');

    const ended = waitFor('import.progress', (view) => view.jobId === job.jobId && view.status !== 'running');
    await call('calls.cancelImport', { jobId: job.jobId });
    await ended;
    expect((await call<AppInfo>('workspace.open', { to: 'demo' })).workspace).toBe('demo');
  });

  it('answers requests sent during a switch from one file or the other, never with an error', async () => {
    const switching = call<AppInfo>('workspace.open', { to: 'demo' });
    const during = await Promise.all([clientNames(), call<AppInfo>('app.info'), clientNames()]);
    await switching;
    for (const names of [during[0], during[2]]) expect(names.length === 1 || names.length === SMALL_DEMO.clients).toBe(true);
    const second = await Promise.all([call<AppInfo>('workspace.open', { to: 'real' }), dispatch(workspace.table, 'workspace.open', { to: 'demo' }, events)]);
    expect(second[0].workspace).toBe('real');
    expect(second[1]).toMatchObject({ ok: false, error: { code: 'conflict', message: 'The app is already switching between your data and the demo' } });
  });

  if (onServer) {
    it('on a team server: coming back while the server cannot be reached stays on the demo, and the next try gets there', async () => {
      let reachable = true;
      const reopen = (): Promise<Store> => (reachable ? temp.reopen() : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
      const own = createWorkspace({ real: await temp.reopen(), reopenReal: reopen, host: 'headless', events, now: () => FIXED_NOW, demo: SMALL_DEMO });
      const names = async () => {
        const listed = await dispatch(own.table, 'clients.list', {}, events);
        if (!listed.ok) throw new Error(listed.error.message);
        return (listed.value as ClientSummary[]).map((client) => client.name);
      };
      try {
        expect(await dispatch(own.table, 'workspace.open', { to: 'demo' }, events)).toMatchObject({ ok: true, value: { workspace: 'demo' } });
        reachable = false;
        expect(await dispatch(own.table, 'workspace.open', { to: 'real' }, events)).toMatchObject({ ok: false });
        expect(own.current()).toEqual({ workspace: 'demo', path: demoPath });
        expect(await names()).toHaveLength(SMALL_DEMO.clients);
        reachable = true;
        expect(await dispatch(own.table, 'workspace.open', { to: 'real' }, events)).toMatchObject({ ok: true, value: { workspace: 'real', databasePath: realLocation } });
        expect(await names()).toEqual(['Ann Lee']);
      } finally {
        await own.close();
      }
    });

    it('on a team server a workspace needs a way to open the server again (the store keeps no password)', () => {
      expect(() => createWorkspace({ real: temp.store, host: 'headless', events })).toThrow(/needs reopenReal/);
    });
  }

  it('the command line’s table stays on its --db database', async () => {
    // A second connection to the same database, as the command line opens beside the app.
    const store = onServer ? await temp.reopen() : await openStore(join(dir, 'cli.db'));
    const cliDemo = onServer ? demoPath : join(dir, 'cli-demo.db');
    try {
      const table = createHandlerTable({ store, host: 'headless' });
      expect(await dispatch(table, 'workspace.open', { to: 'demo' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(existsSync(cliDemo)).toBe(false);
      expect((await dispatch(table, 'app.info', undefined)) as unknown).toMatchObject({ ok: true, value: { workspace: 'real', demoDatabasePath: cliDemo } });
    } finally {
      await store.close();
    }
  });
});
