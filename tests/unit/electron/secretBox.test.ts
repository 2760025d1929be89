import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkspaceOptions } from '../../../main/handlers/workspace';
import { safeStorageBox } from '../../../main/electron/secretBox';

// Issue 12 in the desktop app: the API password is sealed by Electron safeStorage (the OS
// keychain). Electron cannot run here: 'electron' is replaced by fakes, and the entry
// (main/electron/index.ts) is loaded as the app would load it, to see what it wires.
const fake = vi.hoisted(() => {
  const listeners = () => ({ on: () => undefined, once: () => undefined, removeListener: () => undefined });
  const keychain = {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable: vi.fn(() => keychain.available),
    getSelectedStorageBackend: vi.fn(() => keychain.backend),
    encryptString: vi.fn((plain: string) => Buffer.from(`enc(${plain})`)),
    decryptString: vi.fn((sealed: Buffer) => sealed.toString().replace(/^enc\((.*)\)$/, '$1')),
  };
  const app = {
    ...listeners(),
    userData: '',
    isPackaged: true,
    getPath: () => app.userData,
    requestSingleInstanceLock: () => true,
    enableSandbox: () => undefined,
    whenReady: () => Promise.resolve(),
    exit: () => undefined,
    quit: () => undefined,
  };
  class FakeWindow {
    webContents = { on: () => undefined, once: () => undefined, setWindowOpenHandler: () => undefined, isDestroyed: () => false, send: () => undefined };
    once(): void {}
    on(): void {}
    show(): void {}
    maximize(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  }
  return { keychain, app, powerMonitor: listeners(), FakeWindow, workspaceOptions: undefined as WorkspaceOptions | undefined };
});

vi.mock('electron', () => ({
  app: fake.app,
  powerMonitor: fake.powerMonitor,
  safeStorage: fake.keychain,
  dialog: { showErrorBox: vi.fn() },
  ipcMain: { handle: vi.fn() },
  BrowserWindow: fake.FakeWindow,
  shell: { openExternal: vi.fn(), openPath: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  screen: { getAllDisplays: () => [] },
  Menu: { buildFromTemplate: vi.fn(() => ({})), setApplicationMenu: vi.fn() },
  session: { defaultSession: { on: vi.fn(), setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } },
}));

vi.mock('../../../main/services/billingScheduler', () => ({
  createBillingScheduler: () => ({ start: vi.fn(), onResume: vi.fn(), stop: vi.fn(() => Promise.resolve()), check: vi.fn(), idle: vi.fn() }),
}));

vi.mock('../../../main/handlers/workspace', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../main/handlers/workspace')>();
  return {
    ...real,
    createWorkspace: (options: WorkspaceOptions) => {
      fake.workspaceOptions = options;
      return real.createWorkspace(options);
    },
  };
});

let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rc-electron-secrets-'));
  fake.app.userData = folder;
  await import('../../../main/electron/index');
  await vi.waitFor(() => expect(fake.workspaceOptions).toBeDefined());
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the desktop app\'s secret box', () => {
  it('is safeStorage, and the desktop app reads no credentials from the environment', () => {
    const provider = fake.workspaceOptions!.provider!;
    expect(provider.environment).toBeNull();
    const sealed = provider.secrets.seal('api-password-1');
    expect(fake.keychain.encryptString).toHaveBeenCalledWith('api-password-1');
    expect(sealed).toBe(Buffer.from('enc(api-password-1)').toString('base64'));
    expect(sealed).not.toContain('api-password-1');
    expect(provider.secrets.open(sealed)).toBe('api-password-1');
  });

  it('cannot seal without a keychain, nor with Linux\'s fixed-key fallback', () => {
    const keychain = { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' as const, encryptString: vi.fn(), decryptString: vi.fn() };
    expect(safeStorageBox(() => keychain, 'linux').canSeal()).toBe(false);
    expect(() => safeStorageBox(() => keychain, 'linux').seal('x')).toThrow(/keychain/);
    expect(keychain.encryptString).not.toHaveBeenCalled();
    expect(safeStorageBox(() => keychain, 'darwin').canSeal()).toBe(true);
    expect(safeStorageBox(() => ({ ...keychain, isEncryptionAvailable: () => false }), 'darwin').canSeal()).toBe(false);
  });

  it('asks safeStorage only when used (it answers once the app is ready)', () => {
    const keychain = vi.fn(() => ({ isEncryptionAvailable: () => true, encryptString: (text: string) => Buffer.from(text), decryptString: (buffer: Buffer) => buffer.toString() }));
    const box = safeStorageBox(keychain, 'win32');
    expect(keychain).not.toHaveBeenCalled();
    expect(box.open(box.seal('pw'))).toBe('pw');
  });
});
