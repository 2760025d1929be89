import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/appProtocol';
import type { BrandingView } from '../../../preload/schemas/branding';

// Issue 15: the desktop entry feeds the external-link allow-list the reseller's own host
// name (Branding → Host name). Loaded as the app loads it, with 'electron' faked (it cannot run here).
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      on: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      once: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      emit: (event: string, ...args: unknown[]) => {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    };
  };
  const app = {
    ...emitter(),
    userData: '',
    isPackaged: true,
    getPath: () => app.userData,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
    exit: vi.fn(),
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    events = emitter();
    contents = emitter();
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    webContents = {
      on: this.contents.on,
      once: this.contents.once,
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (this.openHandler = handler),
      isDestroyed: () => false,
      send: () => undefined,
      reload: vi.fn(),
    };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on = this.events.on;
    once(): void {}
    show(): void {}
    maximize(): void {}
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  }
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  return { app, windows, FakeWindow, ipcHandlers, openExternal };
});

vi.mock('electron', () => ({
  app: fake.app,
  powerMonitor: { on: () => undefined },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
  ipcMain: { handle: (name: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => fake.ipcHandlers.set(name, handler) },
  BrowserWindow: Object.assign(fake.FakeWindow, { getAllWindows: () => fake.windows }),
  shell: { openExternal: fake.openExternal, openPath: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
  session: { defaultSession: { on: vi.fn(), setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } },
}));

vi.mock('../../../main/services/billingScheduler', () => ({
  createBillingScheduler: () => ({ start: vi.fn(), onResume: vi.fn(), stop: vi.fn(() => Promise.resolve()), check: vi.fn(), idle: vi.fn() }),
}));

const PAGE = { senderFrame: { url: `${APP_PAGE_URL}#/branding` } };
const PORTAL_LINK = 'https://portal.acme-voice.com/login.php';

async function ipc<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await fake.ipcHandlers.get(channel)!(PAGE, input)) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A link the page opens in a new window: the window's open handler sends it to the allow-list. */
function openLink(url: string): void {
  expect(fake.windows[0]!.openHandler!({ url })).toEqual({ action: 'deny' });
}

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rc-electron-hosts-'));
  fake.app.userData = folder;
  await import('../../../main/electron/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});
afterAll(async () => {
  fake.app.emit('window-all-closed');
  await new Promise((done) => setImmediate(done));
  rmSync(folder, { recursive: true, force: true });
});

describe('the external-link allow-list takes the branding host name', () => {
  it('refuses the portal host before it is saved, opens it once saved, and forgets it when cleared', async () => {
    openLink(PORTAL_LINK);
    expect(fake.openExternal).not.toHaveBeenCalled();

    const view = await ipc<BrandingView>('branding.get');
    await ipc('branding.save', { settings: { ...view.settings, hostName: 'Portal.Acme-Voice.com' } });
    await vi.waitFor(() => {
      openLink(PORTAL_LINK);
      expect(fake.openExternal).toHaveBeenCalledWith(PORTAL_LINK);
    });
    // Only that host joins: a look-alike stays refused.
    fake.openExternal.mockClear();
    openLink('https://portal.acme-voice.com.evil.example/login.php');
    openLink('http://portal.acme-voice.com/login.php');
    expect(fake.openExternal).not.toHaveBeenCalled();

    await ipc('branding.save', { settings: { ...view.settings, hostName: '' } });
    await vi.waitFor(() => {
      fake.openExternal.mockClear();
      openLink(PORTAL_LINK);
      expect(fake.openExternal).not.toHaveBeenCalled();
    });
  });
});
