import type { SafeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isSealed, keyBox, lazyBox } from '../services/secrets';
import { SecretBoxError, type SecretBox } from '../sync/secretBox';
import { teamKeyBox, type TeamKeychain, type TeamKeyedBox } from './teamKey';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/** False without a keychain, and on Linux with Electron's fixed-key fallback ('basic_text'), which is no secret at all. */
export function keychainCanSeal(storage: Keychain, platform: NodeJS.Platform = process.platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  return !(platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text');
}

/**
 * Issue 16: the desktop app's box. This computer's data key (safeStorageBox) for the local
 * file and the demo; the team key while a team server is open (main/electron/teamKey.ts).
 */
export function desktopSecretBox(options: { keychain: () => Keychain; dataFolder: string; env: Readonly<Record<string, string | undefined>>; serverOpen: () => boolean; platform?: NodeJS.Platform }): TeamKeyedBox {
  const platform = options.platform ?? process.platform;
  const local = safeStorageBox(options.keychain, options.dataFolder, platform);
  const keychain: TeamKeychain = {
    canSeal: () => keychainCanSeal(options.keychain(), platform),
    encryptString: (plain) => options.keychain().encryptString(plain),
    decryptString: (sealed) => options.keychain().decryptString(sealed),
  };
  return teamKeyBox({ local, keychain, dataFolder: options.dataFolder, env: options.env, serverOpen: options.serverOpen });
}

/** The desktop app's data key, sealed by the OS keychain, in the data folder. */
export const SEALED_KEY_FILE = 'secret.key.sealed';

/**
 * The desktop app's secret box (issues 12 and 14): passwords are sealed with a data key
 * (main/services/secrets.ts) and the data key is sealed by Electron safeStorage, i.e. the OS
 * keychain (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux),
 * in `secret.key.sealed` beside the database. Taken lazily: safeStorage answers only once the
 * app is ready. On Linux without a keyring Electron falls back to a fixed key ('basic_text'),
 * which is no secret at all: that counts as "cannot seal", and the app says so — it never
 * stores a password in plain text instead. An API password sealed by the keychain itself
 * (before the data key, issue 12) still opens.
 */
export function safeStorageBox(keychain: () => Keychain, dataFolder: string, platform: NodeJS.Platform = process.platform): SecretBox {
  const canSeal = (): boolean => keychainCanSeal(keychain(), platform);
  const refuse = (what: string): never => {
    throw new SecretBoxError(`This computer has no keychain to ${what}: passwords cannot be kept encrypted, so they are not saved`);
  };
  const keyed = lazyBox(() => {
    if (!canSeal()) refuse('keep the app’s key');
    const path = join(dataFolder, SEALED_KEY_FILE);
    if (existsSync(path)) {
      const key = Buffer.from(keychain().decryptString(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')), 'base64');
      return keyBox(key);
    }
    const key = randomBytes(32);
    writeFileSync(path, `${keychain().encryptString(key.toString('base64')).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return keyBox(key);
  });
  return {
    canSeal,
    seal(secret) {
      if (!canSeal()) refuse('keep the password encrypted');
      return keyed.seal(secret);
    },
    open(sealed) {
      if (!canSeal()) refuse('open the saved password');
      return isSealed(sealed) ? keyed.open(sealed) : keychain().decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
