import type { SafeStorage } from 'electron';
import { SecretBoxError, type SecretBox } from '../sync/secretBox';

type Keychain = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * The desktop app's secret box (issue 12): Electron safeStorage, i.e. the OS keychain
 * (Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). Taken
 * lazily: safeStorage answers only once the app is ready. On Linux without a keyring
 * Electron falls back to a fixed key ('basic_text'), which is no secret at all: that counts
 * as "cannot seal", and the page says the password is not saved.
 */
export function safeStorageBox(keychain: () => Keychain, platform: NodeJS.Platform = process.platform): SecretBox {
  const canSeal = (): boolean => {
    const storage = keychain();
    if (!storage.isEncryptionAvailable()) return false;
    return !(platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text');
  };
  return {
    canSeal,
    seal(secret) {
      if (!canSeal()) throw new SecretBoxError('This computer has no keychain to keep the API password encrypted');
      return keychain().encryptString(secret).toString('base64');
    },
    open(sealed) {
      if (!canSeal()) throw new SecretBoxError('This computer has no keychain to open the saved API password');
      return keychain().decryptString(Buffer.from(sealed, 'base64'));
    },
  };
}
