import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../db/open';
import type { EventBus } from '../../../main/events';
import type { BillingSchedulerOptions, StoreLender } from '../../../main/services/billingScheduler';

// Issue 10 in the desktop app: Electron cannot run here, so 'electron' is replaced by fakes
// and the entry (main/electron/index.ts) is loaded as the app would load it.
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const emitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on: (event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      once: (event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      removeListener: (event: string, listener: Listener) => {
        listeners.set(event, (listeners.get(event) ?? []).filter((other) => other !== listener));
      },
      emit: (event: string, ...args: unknown[]) => {
        for (const listener of listeners.get(event) ?? []) listener(...args);
      },
    };
  };
  const steps: string[] = [];
  const sent: [string, unknown][] = [];
  const app = {
    ...emitter(),
    userData: '',
    isPackaged: true,
    getPath: () => app.userData,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    whenReady: () => Promise.resolve(),
    exit: () => undefined,
    quit: () => steps.push('app.quit'),
  };
  class FakeWindow {
    webContents = { on: () => undefined, once: () => undefined, setWindowOpenHandler: () => undefined, isDestroyed: () => false, send: (name: string, payload: unknown) => sent.push([name, payload]) };
    once(): void {}
    on(): void {}
    show(): void {}
    maximize(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  }
  const scheduler = {
    options: undefined as unknown,
    start: vi.fn((_billedDate?: string) => steps.push('scheduler.start')),
    onResume: vi.fn(() => Promise.resolve(null)),
    stop: vi.fn(async () => {
      await Promise.resolve();
      steps.push('scheduler.stopped');
    }),
    check: vi.fn(),
    idle: vi.fn(),
  };
  return { app, powerMonitor: emitter(), FakeWindow, steps, sent, scheduler, stores: [] as unknown[] };
});

vi.mock('electron', () => ({
  app: fake.app,
  powerMonitor: fake.powerMonitor,
  dialog: { showErrorBox: vi.fn() },
  ipcMain: { handle: vi.fn() },
  BrowserWindow: fake.FakeWindow,
  shell: { openExternal: vi.fn(), openPath: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  screen: { getAllDisplays: () => [] },
  Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
  session: {
    defaultSession: {
      on: vi.fn(),
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  },
}));

vi.mock('../../../main/services/billingScheduler', () => ({
  createBillingScheduler: (options: unknown) => {
    fake.scheduler.options = options;
    return fake.scheduler;
  },
}));

// The real store, with its close recorded so the order of the shutdown can be checked.
vi.mock('../../../db/open', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../db/open')>();
  return {
    ...real,
    openStore: async (...args: Parameters<typeof real.openStore>) => {
      const store = await real.openStore(...args);
      const recorded: Store = {
        ...store,
        close: async () => {
          fake.steps.push('store.close');
          await store.close();
        },
      };
      fake.stores.push(recorded);
      return recorded;
    },
  };
});

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rc-electron-'));
  fake.app.userData = folder;
  await import('../../../main/electron/index');
  await vi.waitFor(() => expect(fake.scheduler.start).toHaveBeenCalled());
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the billing scheduler in the desktop app', () => {
  it('starts after the start\'s own billing run, on the database open now and the bus the window hears', async () => {
    const options = fake.scheduler.options as BillingSchedulerOptions;
    // The workspace lends the database open when a run starts (the reseller's own, until "Try the demo").
    expect(typeof options.store).toBe('function');
    const lend = options.store as StoreLender;
    expect(await lend((store) => Promise.resolve(store.location))).toBe((fake.stores[0] as Store).location);
    // The start billed today: the scheduler counts today as billed.
    expect(fake.scheduler.start).toHaveBeenCalledWith(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    (options.events as EventBus).emit('data.changed', { domains: ['billing', 'ledger'] });
    expect(fake.sent).toContainEqual(['data.changed', { domains: ['billing', 'ledger'] }]);
  });

  it('bills after the computer wakes: powerMonitor resume → onResume', () => {
    expect(fake.scheduler.onResume).not.toHaveBeenCalled();
    fake.powerMonitor.emit('resume');
    expect(fake.scheduler.onResume).toHaveBeenCalledOnce();
  });

  it('on quit, stops the scheduler (its run in flight ends) before the database closes', async () => {
    fake.app.emit('window-all-closed');
    await vi.waitFor(() => expect(fake.steps).toContain('app.quit'));
    expect(fake.steps).toEqual(['scheduler.start', 'scheduler.stopped', 'store.close', 'app.quit']);
    // The app quitting stops it again, harmlessly; a resume after that reaches nothing.
    fake.app.emit('will-quit');
    fake.powerMonitor.emit('resume');
    expect(fake.scheduler.onResume).toHaveBeenCalledOnce();
  });
});
