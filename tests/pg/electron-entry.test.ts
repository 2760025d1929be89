import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { safeStorageBox } from '../../main/electron/secretBox';
import { KEY_ENV, keyBox, keyFromText } from '../../main/services/secrets';
import { APP_PAGE_URL } from '../../main/electron/appProtocol';
import { EventBus } from '../../main/events';
import { dispatch } from '../../main/handlers/index';
import { writeDatabaseChoice } from '../../main/openDatabase';
import { relayDataChanges, type EventRelay } from '../../main/services/pgEvents';
import { createHandlerTable } from '../../main/handlers/index';
import type { PgStore } from '../../db/open';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// Issue 16: the desktop entry (main/electron/index.ts) loaded as the app loads it, 'electron'
// replaced by fakes (Electron cannot run here), with a team server saved in Settings → Database.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Listener[]>();
  const app = {
    userData: '',
    isPackaged: true,
    getPath: () => app.userData,
    on: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    once: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
    emit: (event: string) => (listeners.get(event) ?? []).forEach((listener) => listener()),
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    whenReady: () => Promise.resolve(),
    quit: () => void (app.quitCalls += 1),
    quitCalls: 0,
    exit: () => undefined,
  };
  const sent: { name: string; payload: unknown }[] = [];
  const windows: FakeWindow[] = [];
  class FakeWindow {
    webContents = {
      on: () => undefined,
      once: () => undefined,
      setWindowOpenHandler: () => undefined,
      isDestroyed: () => false,
      send: (name: string, payload: unknown) => sent.push({ name, payload }),
      reload: () => undefined,
    };
    constructor() {
      windows.push(this);
    }
    on(): void {}
    once(): void {}
    show(): void {}
    maximize(): void {}
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 800, height: 600 });
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  }
  // A keychain that can seal (the OS's, in the real app).
  const safeStorage = {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret' as const,
    encryptString: (text: string) => Buffer.from(`sealed:${text}`),
    decryptString: (bytes: Buffer) => bytes.toString().slice('sealed:'.length),
  };
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const errors: string[] = [];
  return { app, windows, FakeWindow, sent, safeStorage, ipcHandlers, errors };
});

vi.mock('electron', () => ({
  app: fake.app,
  powerMonitor: { on: () => undefined },
  safeStorage: fake.safeStorage,
  dialog: { showErrorBox: (title: string, content: string) => fake.errors.push(`${title}: ${content}`), showMessageBox: () => Promise.resolve({ response: 0 }) },
  ipcMain: { handle: (name: string, handler: (event: unknown, input: unknown) => unknown) => fake.ipcHandlers.set(name, handler) },
  BrowserWindow: Object.assign(fake.FakeWindow, { getAllWindows: () => fake.windows }),
  shell: { openExternal: () => Promise.resolve(), openPath: () => undefined },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: () => undefined },
  session: { defaultSession: { on: () => undefined, setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined, webRequest: { onHeadersReceived: () => undefined } } },
}));

vi.mock('../../main/services/billingScheduler', () => ({
  createBillingScheduler: () => ({ start: () => undefined, onResume: () => undefined, stop: () => Promise.resolve(), check: () => undefined, idle: () => undefined }),
}));

const TEAM_KEY = 'the team key of every desk here';
let folder: string;
let temp: TempStore;
let serverUrl: string;
const ipc = (name: string, input?: unknown) => fake.ipcHandlers.get(name)!({ senderFrame: { url: APP_PAGE_URL } }, input) as Promise<{ ok: boolean; value?: unknown }>;

beforeAll(async () => {
  temp = await tempStore();
  folder = mkdtempSync(join(tmpdir(), 'rc-electron-team-'));
  fake.app.userData = folder;
  // Settings → Database saved this server for the next start, its password sealed by the keychain.
  const url = new URL(temp.location);
  const password = decodeURIComponent(url.password);
  url.password = '';
  serverUrl = url.toString();
  writeDatabaseChoice(folder, { kind: 'server', url: serverUrl, sealedPassword: safeStorageBox(() => fake.safeStorage, folder).seal(password) });
  // Issue 16: the team's key from the environment; the server password above stays sealed with this computer's own key and still opens.
  process.env[KEY_ENV] = TEAM_KEY;
  await import('../../main/electron/index');
  await vi.waitFor(() => expect(fake.windows, fake.errors.join('\n')).toHaveLength(1), { timeout: 60_000 });
}, 90_000);
afterAll(async () => {
  // The app closes as after its last window: workers and the relay stop, the store closes, then it quits.
  fake.app.emit('window-all-closed');
  await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1), { timeout: 50_000 });
  Reflect.deleteProperty(process.env, KEY_ENV);
  await temp.cleanup();
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

describe('the desktop entry on a team server saved in Settings', () => {
  it('opens the saved server with the sealed password, and serves it over IPC', async () => {
    expect(fake.errors).toEqual([]);
    expect(await ipc('database.status')).toMatchObject({ ok: true, value: { current: { kind: 'server', location: serverUrl }, saved: { kind: 'server', url: serverUrl, passwordSaved: true } } });
    expect(await ipc('clients.create', { firstName: 'Dee', lastName: 'Desk', email: 'dee@example.com', balanceMode: 'soft' })).toMatchObject({ ok: true });
    const rows = await temp.store.db.selectFrom('clients').select('first_name').execute();
    expect(rows).toEqual([{ first_name: 'Dee' }]);
  });

  it('seals the API password with the team key on the server: another computer with the same key opens it, this computer’s own key does not (issue 16)', async () => {
    expect(await ipc('sync.saveSettings', { apiUsername: 'team@example.com', apiPassword: 'Team-api-pw', baseUrl: 'https://api.example.com' })).toMatchObject({ ok: true });
    const row = await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'provider').executeTakeFirstOrThrow();
    const sealed = (JSON.parse(row.value) as { sealedPassword: string }).sealedPassword;
    expect(sealed).not.toContain('Team-api-pw');
    expect(keyBox(keyFromText(TEAM_KEY)).open(sealed)).toBe('Team-api-pw');
    expect(() => safeStorageBox(() => fake.safeStorage, folder).open(sealed)).toThrow(/another key/);
    expect(await ipc('database.status')).toMatchObject({ ok: true, value: { teamKey: { source: 'environment' } } });
  });

  it("tells its window what another instance changed (LISTEN/NOTIFY)", async () => {
    const events = new EventBus();
    const other: EventRelay = relayDataChanges(temp.store as PgStore, events, { instanceId: 'another-desk', log: () => undefined });
    try {
      await other.listening;
      const before = fake.sent.length;
      const table = createHandlerTable({ store: temp.store, host: 'headless', events, now: () => FIXED_NOW });
      expect(await dispatch(table, 'packages.create', { name: 'Team', markupFixed: '0', markupPercent: '10', pulseSeconds: 60, monthlyFee: '0', setupFee: '0' }, events)).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(fake.sent.slice(before)).toContainEqual({ name: 'data.changed', payload: { domains: ['packages'] } }), { timeout: 20_000 });
    } finally {
      await other.stop();
    }
  });
});
