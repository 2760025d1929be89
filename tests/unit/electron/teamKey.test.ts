import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { desktopSecretBox, SEALED_KEY_FILE } from '../../../main/electron/secretBox';
import { TEAM_KEY_FILE } from '../../../main/electron/teamKey';

// Issue 16: the desktop app on a team server seals with the team's key, so a password saved on
// one computer opens on another. Each "computer" here is its own data folder and its own keychain.
const keychainOf = (secret: string) => ({
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret' as const,
  encryptString: vi.fn((plain: string) => Buffer.from(`${secret}(${plain})`)),
  decryptString: vi.fn((sealed: Buffer) => {
    const match = new RegExp(`^${secret}\\((.*)\\)$`).exec(sealed.toString());
    if (!match) throw new Error('another keychain');
    return match[1]!;
  }),
});

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function computer(options: { env?: Record<string, string>; server?: boolean; keychain?: ReturnType<typeof keychainOf> } = {}) {
  const dataFolder = mkdtempSync(join(tmpdir(), 'rc-team-key-'));
  folders.push(dataFolder);
  const keychain = options.keychain ?? keychainOf(`kc-${folders.length}`);
  const state = { server: options.server ?? true };
  const make = () => desktopSecretBox({ keychain: () => keychain, dataFolder, env: options.env ?? {}, serverOpen: () => state.server, platform: 'linux' });
  return { dataFolder, keychain, state, box: make(), restart: make };
}

const PASSPHRASE = 'our team passphrase, same everywhere';

describe('the desktop app’s box on a team server (issue 16)', () => {
  it('seals with RESELLER_CONSOLE_KEY when set: another computer with the same key opens it, one with another key does not', () => {
    const first = computer({ env: { RESELLER_CONSOLE_KEY: PASSPHRASE } });
    const second = computer({ env: { RESELLER_CONSOLE_KEY: PASSPHRASE } });
    const other = computer({ env: { RESELLER_CONSOLE_KEY: 'another team passphrase entirely' } });
    const sealed = first.box.seal('api-password');
    expect(sealed).toMatch(/^rcs1:/);
    expect(second.box.open(sealed)).toBe('api-password');
    expect(() => other.box.open(sealed)).toThrow(/another team key.*Settings → Database/);
    // The team key came from the environment: no keychain, no key file on any of them.
    expect(first.keychain.encryptString).not.toHaveBeenCalled();
    expect(readdirSync(first.dataFolder)).toEqual([]);
    expect(first.box.teamKey.source()).toBe('environment');
  });

  it('seals with the team key saved in Settings → Database (sealed by the keychain, never in plain text), from the next start', () => {
    const first = computer();
    const second = computer();
    const other = computer();
    first.box.teamKey.save(PASSPHRASE);
    second.box.teamKey.save(` ${PASSPHRASE} `);
    other.box.teamKey.save('a different team passphrase');
    const file = join(first.dataFolder, TEAM_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(PASSPHRASE);
    expect(first.box.teamKey.source()).toBe('saved');
    const sealed = first.restart().seal('sip-password');
    expect(second.restart().open(sealed)).toBe('sip-password');
    expect(() => other.restart().open(sealed)).toThrow(/another team key/);
    // Sealed with the team key, not this computer's own: no data key was made for it.
    expect(existsSync(join(first.dataFolder, SEALED_KEY_FILE))).toBe(false);
  });

  it('keeps this computer’s own key for the local file and the demo, and still opens what it sealed before the team key', () => {
    const first = computer({ server: false, env: { RESELLER_CONSOLE_KEY: PASSPHRASE } });
    const second = computer({ server: false, env: { RESELLER_CONSOLE_KEY: PASSPHRASE } });
    const local = first.box.seal('portal-password');
    expect(existsSync(join(first.dataFolder, SEALED_KEY_FILE))).toBe(true);
    expect(first.box.open(local)).toBe('portal-password');
    expect(() => second.box.open(local)).toThrow(/another key/);
    // On the server now (the server password in the choice file, a password saved before): still opens here.
    first.state.server = true;
    expect(first.box.open(local)).toBe('portal-password');
    const team = first.box.seal('api-password');
    expect(second.box.open(team)).toBe('api-password');
  });

  it('refuses a short team key, and one the keychain cannot seal, writing nothing', () => {
    const first = computer();
    expect(() => first.box.teamKey.save('too-short')).toThrow(/Team key: too short.*16 characters/);
    const noKeychain = computer({ keychain: { ...keychainOf('x'), getSelectedStorageBackend: () => 'basic_text' as never } });
    expect(noKeychain.box.teamKey.canSave()).toBe(false);
    expect(() => noKeychain.box.teamKey.save(PASSPHRASE)).toThrow(/no keychain/);
    expect(readdirSync(first.dataFolder)).toEqual([]);
    expect(readdirSync(noKeychain.dataFolder)).toEqual([]);
  });

  it('on a server without any team key, keeps sealing with this computer’s key (one computer alone still works)', () => {
    const first = computer();
    expect(first.box.teamKey.source()).toBe('none');
    expect(first.box.open(first.box.seal('pw'))).toBe('pw');
    expect(existsSync(join(first.dataFolder, SEALED_KEY_FILE))).toBe(true);
  });
});
