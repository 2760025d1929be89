import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../sync/secretBox';

/**
 * A secret box the end-to-end tests can save a password with (issue 12: "configure the
 * emulator in Settings"), since the headless host has no keychain. Off by default: honoured
 * only when the host is started with NODE_ENV=test *and* RESELLER_CONSOLE_TEST_SECRET_BOX=1
 * (tests/e2e/host.ts sets both on request; `npm start`, `npm run serve` and Electron set
 * neither). AES-256-GCM under a key written here: it keeps the password out of the settings
 * table's plain text, and protects nothing else — a test fixture, never a keychain.
 */
export const TEST_SECRET_BOX_ENV = 'RESELLER_CONSOLE_TEST_SECRET_BOX';

const KEY = createHash('sha256').update('reseller-console end-to-end tests only').digest();

export function testSecretBoxFromEnv(env: Readonly<Record<string, string | undefined>>): SecretBox | null {
  if (env.NODE_ENV !== 'test' || env[TEST_SECRET_BOX_ENV] !== '1') return null;
  return {
    canSeal: () => true,
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', KEY, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    open(text) {
      const bytes = Buffer.from(text, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
