import { existsSync, renameSync, rmSync } from 'node:fs';
import { openStore, type SqliteStore, type Store } from '../../db/open';
import { channelNames, type ChannelName } from '../../preload/contract';
import type { AppInfo, Workspace } from '../../preload/schemas/app';
import { generateDemo, type DemoOptions } from '../demo';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { ExportTargets } from '../services/exportTargets';
import { join } from 'node:path';
import { demoPathOf, type AppHost } from '../services/appInfo';
import { onAppStart } from '../services/startup';
import { createHandlerSet, createHandlerTable, uploadsOnly, type HandlerSet } from './index';
import { checkBackupFile, refuseOnTeamServer, replaceDatabaseFile } from '../services/backup';
import type { FileAccess } from '../services/fileGrants';
import type { SecretBox } from '../sync/secretBox';
import type { RestoreDone } from '../../preload/schemas/files';
import type { HandlerTable } from './table';
import type { ProviderAccess } from '../sync/settings';

/** The demo the window builds: main's defaults unless a test asks for a smaller one. */
export type DemoSize = Pick<DemoOptions, 'clients' | 'cdrs' | 'seed' | 'months'>;

export interface WorkspaceOptions {
  /** The reseller's own database, already open (and its start's work done by the host): a file, or (issue 16) a team server's. */
  real: Store;
  /**
   * Issue 16: opens the reseller's own database again when the window comes back from the demo.
   * A file is opened from its path without it; a team server's database needs it (the host
   * knows the URL and the password, the store keeps neither).
   */
  reopenReal?: () => Promise<Store>;
  host: AppHost;
  /** The bus the host forwards to its windows; every database's services emit on it. */
  events: EventBus;
  now?: () => Date;
  demo?: DemoSize;
  /** Where exports go (Electron's Save dialog, the host's download folder); see HandlerEnv.exports. */
  exports?: ExportTargets;
  /** The start's work on a database the switch opened (main/services/startup.ts by default). */
  onOpen?: (store: Store) => Promise<unknown>;
  /** Issue 14: seals the passwords stored (the desktop app's keychain box); each database folder's key box when not given. */
  secrets?: SecretBox;
  /** Issue 14: chosen files (grants) and the host's Open dialog, one for every database the workspace opens; uploads only by default. */
  files?: FileAccess;
  /** How to reach the provider (issue 12): for the reseller's own database only — the demo's made-up clients never reach the provider. */
  provider?: ProviderAccess;
}

export interface WorkspaceHost {
  /** Serves every channel on the database open now; `workspace.open` switches it. */
  readonly table: HandlerTable;
  /** The database served now: `path` is the file's, or a team server's URL without its password. */
  current(): { workspace: Workspace; path: string };
  /**
   * Runs work of main's own (the billing scheduler's midnight run, issue 10) on the database
   * open now, counted like a request: a switch waits for it, and it waits for a switch.
   */
  withStore<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Waits for a switch under way, then closes the database open now. */
  close(): Promise<void>;
}

/** One open database and the requests it is serving. */
interface Opened {
  workspace: Workspace;
  store: Store;
  handlers: HandlerSet;
  inFlight: number;
  idle: (() => void)[];
}

const SIDE_FILES = ['', '-wal', '-shm'];
const removeDatabaseFiles = (path: string): void => {
  for (const suffix of SIDE_FILES) rmSync(path + suffix, { force: true });
};

/**
 * Issue 10, "demo data kept apart from real data": the app serves one database at a time,
 * the reseller's own file or the demo's beside it (`reseller-demo.db`).
 *
 * Issue 16, team mode: when the reseller's own database is on a team server (PostgreSQL),
 * the demo still is a file on this computer (`reseller-demo.db` in the app's data folder,
 * appInfo.ts): made-up clients loaded into the shared database would be mixed into everyone's
 * data. Switching to the demo closes this instance's pool on the server (the other
 * instances go on working there) and opens the file; coming back opens the server's
 * database again (`reopenReal`) and runs the start's work on it, as a file's reopening does.
 * A restore is refused there: the server's own tools (pg_dump) back it up and restore it. Switching builds
 * the demo (first time, or "Start the demo again") in a side file without touching the
 * open one, then holds new requests for a moment, lets the ones under way finish, closes
 * the old file, opens the other (migrated, the start's work done) and serves it from then
 * on. It is refused while an import or a demo load runs on the open file: those outlive
 * a request and must finish on the file they started on.
 */
export function createWorkspace(options: WorkspaceOptions): WorkspaceHost {
  const real = options.real;
  const demoPath = demoPathOf(real);
  const reopenReal = real.dialect === 'sqlite' ? () => openStore(real.path) : options.reopenReal;
  if (!reopenReal) throw new Error('A workspace on a team server needs reopenReal: the store keeps no password to open it again');
  const now = options.now ?? (() => new Date());
  const onOpen = options.onOpen ?? ((store: Store) => onAppStart(store, now, options.secrets));
  /** Opens one of the two databases: the demo is always a file. */
  const openOf = (workspace: Workspace): Promise<Store> => (workspace === 'demo' ? openStore(demoPath) : reopenReal());
  const files = options.files ?? uploadsOnly(join(options.real.folder, 'uploads'));

  const serve = (workspace: Workspace, store: Store): Opened => ({
    workspace,
    store,
    handlers: createHandlerSet({ store, host: options.host, now, events: options.events, files, ...(options.secrets ? { secrets: options.secrets } : {}), workspace: { workspace, demoDatabasePath: demoPath }, ...(options.exports ? { exports: options.exports } : {}), ...(options.provider && workspace === 'real' ? { provider: options.provider } : {}) }),
    inFlight: 0,
    idle: [],
  });

  let current = serve('real', options.real);
  /** Set while the old file closes and the other opens: requests wait for it, then go to the new one. */
  let gate: Promise<void> | null = null;
  let switching: Promise<AppInfo> | null = null;

  async function onCurrent<T>(work: (opened: Opened) => Promise<T>): Promise<T> {
    while (gate) await gate;
    const opened = current;
    opened.inFlight += 1;
    try {
      return await work(opened);
    } finally {
      opened.inFlight -= 1;
      if (opened.inFlight === 0) for (const wake of opened.idle.splice(0)) wake();
    }
  }

  const run = (name: ChannelName, input: unknown): Promise<unknown> =>
    onCurrent((opened) => (opened.handlers.table[name] as (input: unknown) => Promise<unknown>)(input));

  const info = (): Promise<AppInfo> => run('app.info', undefined) as Promise<AppInfo>;

  function refuseWhenBusy(onRefusal?: () => void): void {
    const reason = current.handlers.busyReason();
    if (reason === null) return;
    onRefusal?.();
    throw new AppError('conflict', `${reason}. Your data and the demo were left as they are.`);
  }

  /** Builds the demo into a side file, closed when done: the open database is not touched meanwhile. */
  async function buildDemo(): Promise<string> {
    const building = `${demoPath}.building`;
    removeDatabaseFiles(building);
    try {
      const store = await openStore(building);
      try {
        await generateDemo(store, (clock) => createHandlerTable({ store, host: options.host, now: clock, ...(options.secrets ? { secrets: options.secrets } : {}) }), {
          ...options.demo,
          now: now(),
          onProgress: (progress) => options.events.emit('demo.progress', progress),
        });
        // Everything into the file itself, so it can be renamed alone.
        store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        await store.close();
      }
    } catch (error) {
      removeDatabaseFiles(building);
      throw error;
    }
    return building;
  }

  async function switchTo(to: Workspace, startOver: boolean): Promise<AppInfo> {
    const rebuild = to === 'demo' && (startOver || !existsSync(demoPath));
    if (to === current.workspace && !rebuild) return info();
    refuseWhenBusy();
    const built = rebuild ? await buildDemo() : null;
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const old = current;
    try {
      if (old.inFlight > 0) await new Promise<void>((resolve) => old.idle.push(resolve));
      // An import may have started while the demo was being built.
      refuseWhenBusy(() => built && removeDatabaseFiles(built));
      await old.store.close();
      if (built) {
        removeDatabaseFiles(demoPath);
        renameSync(built, demoPath);
        removeDatabaseFiles(built);
      }
      let store: Store | undefined;
      try {
        store = await openOf(to);
        await onOpen(store);
      } catch (error) {
        // The other database cannot be opened (a newer version wrote it, the server is unreachable…): stay on the one we had.
        await store?.close();
        current = serve(old.workspace, await openOf(old.workspace));
        throw error;
      }
      current = serve(to, store);
    } finally {
      gate = null;
      release();
    }
    options.events.emit('workspace.changed', { workspace: to });
    return info();
  }

  /**
   * Issue 14: the reseller's database replaced by a chosen backup, as a switch is made: new
   * requests wait, the ones under way finish, the file closes, the backup (checked) takes
   * its place with the old one kept aside, and it opens again (migrated, the start's work
   * done). Refused while an import or a demo load runs, and from the demo.
   */
  async function restoreFrom(grant: string): Promise<RestoreDone> {
    if (current.workspace !== 'real') throw new AppError('conflict', 'A restore replaces your own data: go back to your data first, then restore.');
    if (real.dialect === 'postgres') refuseOnTeamServer();
    const realPath = real.path;
    const chosen = files.grants.file(grant, 'restore');
    const check = checkBackupFile(chosen.path);
    const reason = current.handlers.busyReason();
    if (reason !== null) throw new AppError('conflict', `${reason}. Your data was left as it is.`);
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const old = current;
    let result: RestoreDone;
    try {
      if (old.inFlight > 0) await new Promise<void>((resolve) => old.idle.push(resolve));
      await old.store.close();
      let store: SqliteStore | undefined;
      try {
        const replaced = await replaceDatabaseFile(realPath, chosen.path, now(), async () => {
          const opened = await openStore(realPath);
          try {
            await onOpen(opened);
          } catch (error) {
            // Closed before the old file comes back in its place.
            await opened.close();
            throw error;
          }
          store = opened;
        });
        result = { ...replaced, name: chosen.name, ...check };
      } catch (error) {
        // The old file is back in place (replaceDatabaseFile): serve it again.
        await store?.close().catch(() => undefined);
        current = serve('real', await openStore(realPath));
        throw error;
      }
      current = serve('real', store!);
      files.grants.revoke(grant);
    } finally {
      gate = null;
      release();
    }
    options.events.emit('workspace.changed', { workspace: 'real' });
    return result;
  }

  const table = Object.fromEntries(
    channelNames.map((name) => [
      name,
      name === 'backup.restore'
        ? (input: { grant: string }) => restoreFrom(input.grant)
        : name === 'workspace.open'
        ? async (input: { to: Workspace; startOver: boolean }) => {
            if (switching) throw new AppError('conflict', 'The app is already switching between your data and the demo');
            switching = switchTo(input.to, input.startOver);
            try {
              return await switching;
            } finally {
              switching = null;
            }
          }
        : (input: unknown) => run(name, input),
    ]),
  ) as unknown as HandlerTable;

  return {
    table,
    current: () => ({ workspace: current.workspace, path: current.store.location }),
    withStore: (work) => onCurrent((opened) => work(opened.store)),
    close: async () => {
      await switching?.catch(() => undefined);
      await current.store.close();
    },
  };
}
