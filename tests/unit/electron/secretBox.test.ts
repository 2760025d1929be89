import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkspaceOptions } from '../../../main/handlers/workspace';
import { SEALED_KEY_FILE, safeStorageBox } from '../../../main/electron/secretBox';

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
  it('is a data key sealed by safeStorage, and the desktop app reads no credentials from the environment', () => {
    const provider = fake.workspaceOptions!.provider!;
    expect(provider.environment).toBeNull();
    expect(fake.workspaceOptions!.secrets).toBe(provider.secrets);
    const sealed = provider.secrets.seal('api-password-1');
    expect(sealed.startsWith('rcs1:')).toBe(true);
    expect(sealed).not.toContain('api-password-1');
    expect(provider.secrets.open(sealed)).toBe('api-password-1');
    // The data key itself went through the keychain, into the data folder, readable by its owner only.
    expect(fake.keychain.encryptString).toHaveBeenCalledOnce();
    const keyFile = join(folder, SEALED_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('api-password-1');
  });

  it('opens with the same key after a restart, and still opens a password the keychain sealed itself (issue 12)', () => {
    const first = safeStorageBox(() => fake.keychain as never, folder, 'darwin');
    const sealed = first.seal('sip-secret');
    const again = safeStorageBox(() => fake.keychain as never, folder, 'darwin');
    expect(again.open(sealed)).toBe('sip-secret');
    expect(again.open(Buffer.from('enc(old-api-password)').toString('base64'))).toBe('old-api-password');
  });

  it('cannot seal without a keychain, nor with Linux\'s fixed-key fallback, and never writes a key or a password in plain text then', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rc-no-keychain-'));
    try {
      const keychain = { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'basic_text' as const, encryptString: vi.fn(), decryptString: vi.fn() };
      const box = safeStorageBox(() => keychain, empty, 'linux');
      expect(box.canSeal()).toBe(false);
      expect(() => box.seal('x')).toThrow(/no keychain/);
      expect(keychain.encryptString).not.toHaveBeenCalled();
      expect(readdirSync(empty)).toEqual([]);
      expect(safeStorageBox(() => keychain, empty, 'darwin').canSeal()).toBe(true);
      expect(safeStorageBox(() => ({ ...keychain, isEncryptionAvailable: () => false }), empty, 'darwin').canSeal()).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('asks safeStorage only when used (it answers once the app is ready)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rc-lazy-keychain-'));
    try {
      const keychain = vi.fn(() => ({ isEncryptionAvailable: () => true, encryptString: (text: string) => Buffer.from(text), decryptString: (buffer: Buffer) => buffer.toString() }));
      const box = safeStorageBox(keychain, empty, 'win32');
      expect(keychain).not.toHaveBeenCalled();
      expect(box.open(box.seal('pw'))).toBe('pw');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
