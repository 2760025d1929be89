import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../preload/contract';
import { registerIpc, trustedSender } from '../../../main/electron/ipc';
import { forwardEvents } from '../../../main/electron/events';
import { EventBus } from '../../../main/events';
import type { EventSubscription } from '../../../preload/contract';
import { createWorkspace } from '../../../main/handlers/workspace';
import { FIXED_NOW, tempStore, type TempStore } from '../../helpers/store';
import { asSqlite } from '../../helpers/sqliteOnly';

// Electron cannot run here: the module is replaced by fakes that record what the wiring asks of it.
const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  const exposed: Record<string, unknown> = {};
  const invoke = vi.fn((..._args: unknown[]) => Promise.resolve('sent'));
  const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcOn = vi.fn((name: string, listener: (...args: unknown[]) => void) => {
    if (!rendererListeners.has(name)) rendererListeners.set(name, new Set());
    rendererListeners.get(name)!.add(listener);
  });
  const ipcRemove = vi.fn((name: string, listener: (...args: unknown[]) => void) => rendererListeners.get(name)?.delete(listener));
  const sessionHandlers: Record<string, unknown> = {};
  class FakeWindow {
    listeners: Record<string, (...args: unknown[]) => void> = {};
    openHandler: ((details: { url: string }) => { action: string }) | undefined;
    loadedUrl = '';
    webContents = {
      on: (event: string, listener: (...args: unknown[]) => void) => {
        this.listeners[event] = listener;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        this.openHandler = handler;
      },
    };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once(): void {}
    show(): void {}
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
  }
  const showMessageBoxSync = vi.fn((_window: unknown, _options: { buttons: string[] }) => 1);
  return { windows, exposed, invoke, sessionHandlers, FakeWindow, rendererListeners, ipcOn, ipcRemove, showMessageBoxSync };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeWindow,
  shell: { openExternal: vi.fn() },
  dialog: { showMessageBoxSync: electron.showMessageBoxSync },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: unknown) => (electron.sessionHandlers.request = handler),
      setPermissionCheckHandler: (handler: unknown) => (electron.sessionHandlers.check = handler),
      webRequest: { onHeadersReceived: (handler: unknown) => (electron.sessionHandlers.headers = handler) },
      on: (event: string, handler: unknown) => (electron.sessionHandlers[event] = handler),
    },
  },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (electron.exposed[key] = value) },
  ipcRenderer: { invoke: electron.invoke, on: electron.ipcOn, removeListener: electron.ipcRemove },
}));

const APP_PAGE = 'file:///opt/reseller-console/out/renderer/index.html';

type IpcListener = (event: { senderFrame: { url: string } | null }, input: unknown) => Promise<unknown> | unknown;

function fakeIpcMain() {
  const handlers = new Map<string, IpcListener>();
  return {
    handlers,
    handle: (channel: string, listener: IpcListener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
}

describe('IPC wiring', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await tempStore();
  });
  afterEach(() => temp.cleanup());

  it('registers every contract channel and nothing else', () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, temp.table, trustedSender(APP_PAGE));
    expect([...ipc.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers a bad payload with invalid_input and writes nothing', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, temp.table, trustedSender(APP_PAGE));
    const create = ipc.handlers.get('packages.create')!;
    const result = await create({ senderFrame: { url: APP_PAGE } }, { name: '', markupFixed: '-1', markupPercent: 'x', pulseSeconds: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const list = await ipc.handlers.get('packages.list')!({ senderFrame: { url: APP_PAGE } }, undefined);
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('refuses calls from an unknown sender frame', async () => {
    const ipc = fakeIpcMain();
    registerIpc(ipc as never, temp.table, trustedSender(APP_PAGE));
    const list = ipc.handlers.get('packages.list')!;
    for (const senderFrame of [null, { url: 'https://evil.example/' }, { url: 'file:///tmp/other.html' }]) {
      expect(await list({ senderFrame }, undefined)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(await list({ senderFrame: { url: APP_PAGE } }, undefined)).toMatchObject({ ok: true });
  });

  it('trusts the dev server by origin only', () => {
    const check = trustedSender('http://localhost:5173/');
    expect(check('http://localhost:5173/#/packages')).toBe(true);
    expect(check('http://localhost:5174/')).toBe(false);
    expect(check('not a url')).toBe(false);
  });
});

describe('window and session hardening', () => {
  it('creates windows isolated, sandboxed, without node, and blocks navigation and new windows', async () => {
    const { createMainWindow } = await import('../../../main/electron/window');
    createMainWindow({ preloadPath: '/app/preload/index.cjs', pageUrl: APP_PAGE });
    const window = electron.windows.at(-1)!;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload/index.cjs',
    });
    expect(window.loadedUrl).toBe(APP_PAGE);
    const preventDefault = vi.fn();
    window.listeners['will-navigate']!({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledOnce();
    expect(window.openHandler!({ url: 'https://voip.ms/' })).toEqual({ action: 'deny' });
    expect(window.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(window.options.webPreferences).toMatchObject({ disableBlinkFeatures: 'Auxclick', nodeIntegrationInSubFrames: false, allowRunningInsecureContent: false });
  });

  it('sends a new window’s link to the allow-list, never opening one itself (issue 14)', async () => {
    const { createMainWindow } = await import('../../../main/electron/window');
    const { openExternalSafely } = await import('../../../main/electron/externalLinks');
    const opened: string[] = [];
    const refused: string[] = [];
    createMainWindow({
      preloadPath: '/app/preload/index.cjs',
      pageUrl: APP_PAGE,
      openExternal: (url) => void openExternalSafely(url, { open: async (target) => void opened.push(target), log: (line) => void refused.push(line) }),
    });
    const window = electron.windows.at(-1)!;
    expect(window.openHandler!({ url: 'https://voip.ms/m/cdr.php' })).toEqual({ action: 'deny' });
    expect(window.openHandler!({ url: 'smb://evil/share' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://voip.ms/m/cdr.php']);
    expect(refused).toHaveLength(1);
  });

  it('asks before a close or reload drops unsaved edits, and goes on only when told to leave', async () => {
    const { createMainWindow } = await import('../../../main/electron/window');
    createMainWindow({ preloadPath: '/app/preload/index.cjs', pageUrl: APP_PAGE });
    const window = electron.windows.at(-1)!;
    const unload = window.listeners['will-prevent-unload']!;
    // "Stay on this page" (button 1): the page's beforeunload keeps the window.
    electron.showMessageBoxSync.mockReturnValueOnce(1);
    const stay = { preventDefault: vi.fn() };
    unload(stay);
    expect(stay.preventDefault).not.toHaveBeenCalled();
    expect(electron.showMessageBoxSync.mock.calls.at(-1)![1].buttons).toEqual(['Leave without saving', 'Stay on this page']);
    // "Leave without saving" (button 0): preventDefault overrides the page's beforeunload.
    electron.showMessageBoxSync.mockReturnValueOnce(0);
    const leave = { preventDefault: vi.fn() };
    unload(leave);
    expect(leave.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies permissions and sends the CSP header', async () => {
    const { hardenSession } = await import('../../../main/electron/window');
    hardenSession();
    const grant = vi.fn();
    (electron.sessionHandlers.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', grant);
    expect(grant).toHaveBeenCalledWith(false);
    expect((electron.sessionHandlers.check as () => boolean)()).toBe(false);
    const reply = vi.fn();
    (electron.sessionHandlers.headers as (d: unknown, cb: (r: unknown) => void) => void)({ responseHeaders: {} }, reply);
    const headers = (reply.mock.calls[0]![0] as { responseHeaders: Record<string, string[]> }).responseHeaders;
    expect(headers['Content-Security-Policy']![0]).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy']![0]).toContain("default-src 'none'");
  });

  it('lets the page save its own blob: files and refuses any other download', async () => {
    const { hardenSession } = await import('../../../main/electron/window');
    hardenSession();
    const download = electron.sessionHandlers['will-download'] as (event: { preventDefault: () => void }, item: { getURL: () => string }) => void;
    const own = { preventDefault: vi.fn() };
    download(own, { getURL: () => 'blob:file:///3f2a-price-list' });
    expect(own.preventDefault).not.toHaveBeenCalled();
    const other = { preventDefault: vi.fn() };
    download(other, { getURL: () => 'https://example.com/tool.exe' });
    expect(other.preventDefault).toHaveBeenCalled();
  });
});

describe('preload bridge', () => {
  it('exposes exactly one function per contract channel, each bound to its own name', async () => {
    await import('../../../preload/index');
    const api = electron.exposed.api as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    const exposedNames = Object.entries(api).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}.${verb}`));
    // Exactly the channels, plus the one event subscription (events.on), and nothing else.
    expect(exposedNames.sort()).toEqual([...channelNames, 'events.on'].sort());
    await api.packages!.create!({ name: 'x' });
    expect(electron.invoke).toHaveBeenLastCalledWith('packages.create', { name: 'x' });
    expect(Object.keys(electron.exposed)).toEqual(['api']);
  });
});

describe('events from main to the window', () => {
  function fakeContents() {
    const destroyed: (() => void)[] = [];
    let gone = false;
    return {
      sent: [] as [string, unknown][],
      send(name: string, payload: unknown) {
        this.sent.push([name, payload]);
      },
      isDestroyed: () => gone,
      once: (event: string, listener: () => void) => {
        if (event === 'destroyed') destroyed.push(listener);
      },
      destroy() {
        gone = true;
        for (const listener of destroyed) listener();
      },
    };
  }

  it('forwards the declared events of the bus with webContents.send, under their own names', () => {
    const bus = new EventBus();
    const contents = fakeContents();
    forwardEvents(bus, contents as never);
    bus.emit('data.changed', { domains: ['clients'] });
    bus.emit('import.progress', { id: 'job-1' } as never);
    (bus.emit as (name: string, payload: unknown) => void)('secret.thing', { leak: true });
    expect(contents.sent).toEqual([
      ['data.changed', { domains: ['clients'] }],
      ['import.progress', { id: 'job-1' }],
    ]);
  });

  it('stops forwarding once the window is destroyed', () => {
    const bus = new EventBus();
    const contents = fakeContents();
    forwardEvents(bus, contents as never);
    contents.destroy();
    bus.emit('data.changed', { domains: ['clients'] });
    expect(contents.sent).toEqual([]);
  });

  it('emits data.changed after a successful mutation through ipcMain, not after a read', async () => {
    const temp = await tempStore();
    try {
      const bus = new EventBus();
      const contents = fakeContents();
      forwardEvents(bus, contents as never);
      const ipc = fakeIpcMain();
      registerIpc(ipc as never, temp.table, trustedSender(APP_PAGE), bus);
      const frame = { senderFrame: { url: APP_PAGE } };
      await ipc.handlers.get('packages.list')!(frame, undefined);
      expect(contents.sent).toEqual([]);
      await ipc.handlers.get('packages.create')!(frame, { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
      expect(contents.sent).toHaveLength(1);
      expect(contents.sent[0]![0]).toBe('data.changed');
      expect((contents.sent[0]![1] as { domains: string[] }).domains).toContain('packages');
    } finally {
      await temp.cleanup();
    }
  });

  it('serves the workspace table: the window opens the demo beside the real file and hears workspace.changed (issue 10)', async () => {
    const temp = await tempStore();
    const bus = new EventBus();
    const workspace = createWorkspace({ real: asSqlite(temp.store), host: 'electron', events: bus, now: () => FIXED_NOW, demo: { clients: 2, cdrs: 20, months: 1 } });
    try {
      const contents = fakeContents();
      forwardEvents(bus, contents as never);
      const ipc = fakeIpcMain();
      registerIpc(ipc as never, workspace.table, trustedSender(APP_PAGE), bus);
      const frame = { senderFrame: { url: APP_PAGE } };
      expect(await ipc.handlers.get('workspace.open')!({ senderFrame: { url: 'https://evil.example/' } }, { to: 'demo' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const opened = await ipc.handlers.get('workspace.open')!(frame, { to: 'demo' });
      expect(opened).toMatchObject({ ok: true, value: { workspace: 'demo', host: 'electron', databasePath: `${temp.dir}/test-demo.db` } });
      expect(contents.sent).toContainEqual(['workspace.changed', { workspace: 'demo' }]);
      expect(await ipc.handlers.get('clients.list')!(frame, {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 1 })]) });
      await ipc.handlers.get('workspace.open')!(frame, { to: 'real' });
      expect(await ipc.handlers.get('clients.list')!(frame, {})).toEqual({ ok: true, value: [] });
    } finally {
      await workspace.close();
      // The workspace closed the store; only the folder is left.
      rmSync(temp.dir, { recursive: true, force: true });
    }
  });

  it('lets the page subscribe to declared events only, without the IPC event, and unsubscribe', async () => {
    await import('../../../preload/index');
    const events = (electron.exposed.api as { events: EventSubscription }).events;
    const heard: unknown[] = [];
    const stop = events.on('data.changed', (payload) => heard.push(payload));
    const relays = [...(electron.rendererListeners.get('data.changed') ?? [])];
    expect(relays).toHaveLength(1);
    relays[0]!({ sender: 'ipc-internals' }, { domains: ['dids'] });
    expect(heard).toEqual([{ domains: ['dids'] }]);
    stop();
    expect(electron.rendererListeners.get('data.changed')?.size).toBe(0);
    expect(() => (events.on as (name: string, listener: () => void) => void)('calls.list', () => undefined)).toThrow();
    expect(electron.ipcOn).not.toHaveBeenCalledWith('calls.list', expect.anything());
  });
});
