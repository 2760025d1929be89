import type { SafeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isSealed, keyBox, lazyBox } from '../services/secrets';
import { SecretBoxError, type SecretBox } from '../sync/secretBox';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

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
  const canSeal = (): boolean => {
    const storage = keychain();
    if (!storage.isEncryptionAvailable()) return false;
    return !(platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text');
  };
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
