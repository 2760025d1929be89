import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../../main/electron/appProtocol';
import { WINDOW_STATE_FILE } from '../../../main/electron/windowState';

// Issue 14: the desktop entry (main/electron/index.ts) loaded as the app loads it, with
// 'electron' replaced by fakes that record what it asks (Electron cannot run here).
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      once: (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      removeListener: () => undefined,
      emit: (event: string, ...args: unknown[]) => {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    };
  };
  const steps: string[] = [];
  let ready = false;
  const app = {
    ...emitter(),
    userData: '',
    isPackaged: true,
    getPath: () => app.userData,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    whenReady: () =>
      Promise.resolve().then(() => {
        ready = true;
      }),
    quit: () => undefined,
    exit: vi.fn(),
  };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    events = emitter();
    contents = emitter();
    loaded = '';
    minimized = true;
    webContents = { on: this.contents.on, once: this.contents.once, setWindowOpenHandler: () => undefined, isDestroyed: () => false, send: () => undefined, reload: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on = this.events.on;
    once(): void {}
    show(): void {}
    maximize(): void {}
    isMinimized = () => this.minimized;
    restore = vi.fn(() => {
      this.minimized = false;
    });
    focus = vi.fn();
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 40, y: 30, width: 1111, height: 777 });
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
  }
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => steps.push(`privileged (ready: ${ready})`)),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      steps.push(`handle ${scheme}`);
      protocol.handler = handler;
    }),
    handler: undefined as ((request: Request) => Promise<Response>) | undefined,
  };
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const menu = { template: undefined as unknown };
  return { app, windows, FakeWindow, protocol, ipcHandlers, menu, steps };
});

vi.mock('electron', () => ({
  app: fake.app,
  powerMonitor: { on: () => undefined },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
  ipcMain: { handle: (name: string, handler: (event: unknown, input: unknown) => unknown) => fake.ipcHandlers.set(name, handler) },
  BrowserWindow: Object.assign(fake.FakeWindow, { getAllWindows: () => fake.windows }),
  shell: { openExternal: vi.fn(() => Promise.resolve()), openPath: vi.fn() },
  protocol: fake.protocol,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => {
      fake.menu.template = template;
      return { template };
    }),
    setApplicationMenu: vi.fn(),
  },
  session: { defaultSession: { on: vi.fn(), setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } },
}));

vi.mock('../../../main/services/billingScheduler', () => ({
  createBillingScheduler: () => ({ start: vi.fn(), onResume: vi.fn(), stop: vi.fn(() => Promise.resolve()), check: vi.fn(), idle: vi.fn() }),
}));

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rc-electron-entry-'));
  fake.app.userData = folder;
  await import('../../../main/electron/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});
afterAll(async () => {
  fake.app.emit('window-all-closed');
  await new Promise((done) => setImmediate(done));
  rmSync(folder, { recursive: true, force: true });
});

describe('the desktop entry', () => {
  it('makes app:// privileged before the app is ready, then serves it from the built renderer', async () => {
    expect(fake.steps.slice(0, 2)).toEqual(['privileged (ready: false)', 'handle app']);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.calls[0]).toEqual([[{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]]);
    const refused = await fake.protocol.handler!(new Request('app://renderer/..%2f..%2fpackage.json'));
    expect(refused.status).toBe(403);
  });

  it('loads the page from app://, and IPC answers that page only', async () => {
    const window = fake.windows[0]!;
    expect(window.loaded).toBe(APP_PAGE_URL);
    const list = fake.ipcHandlers.get('packages.list')!;
    expect(await list({ senderFrame: { url: `${APP_PAGE_URL}#/packages` } }, undefined)).toMatchObject({ ok: true });
    expect(await list({ senderFrame: { url: 'file:///tmp/index.html' } }, undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('sets the native menu with the app’s sections', () => {
    const template = fake.menu.template as { label?: string; submenu?: { label?: string }[] }[];
    const view = template.find((item) => item.label === 'View')!;
    expect(view.submenu!.map((item) => item.label)).toEqual(expect.arrayContaining(['Dashboard', 'Clients', 'Invoices', 'Settings']));
  });

  it('a second start focuses the window already open', () => {
    const window = fake.windows[0]!;
    fake.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('remembers where the window was when it closes', () => {
    fake.windows[0]!.events.emit('close');
    const saved = join(folder, WINDOW_STATE_FILE);
    expect(existsSync(saved)).toBe(true);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
  });

  it('reloads a crashed window', () => {
    const window = fake.windows[0]!;
    window.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(window.webContents.reload).toHaveBeenCalledOnce();
    expect(readFileSync(join(folder, 'reseller-console.log'), 'utf8')).toContain('renderer is gone: crashed');
  });
});
