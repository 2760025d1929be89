import { describe, expect, it } from 'vitest';
import { testSecretBoxFromEnv } from '../../../main/host/testSecretBox';

// The headless host's test-only secret box: off unless a test asks for it twice over.
describe('the end-to-end tests\' secret box', () => {
  it('is off unless NODE_ENV=test and RESELLER_CONSOLE_TEST_SECRET_BOX=1', () => {
    expect(testSecretBoxFromEnv({})).toBeNull();
    expect(testSecretBoxFromEnv({ RESELLER_CONSOLE_TEST_SECRET_BOX: '1' })).toBeNull();
    expect(testSecretBoxFromEnv({ NODE_ENV: 'test' })).toBeNull();
    expect(testSecretBoxFromEnv({ NODE_ENV: 'production', RESELLER_CONSOLE_TEST_SECRET_BOX: '1' })).toBeNull();
  });

  it('seals to text without the secret in it, and opens what it sealed (also in a later process)', () => {
    const box = testSecretBoxFromEnv({ NODE_ENV: 'test', RESELLER_CONSOLE_TEST_SECRET_BOX: '1' })!;
    const sealed = box.seal('api-password-1');
    expect(sealed).not.toContain('api-password-1');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('api-password-1');
    expect(box.seal('api-password-1')).not.toBe(sealed);
    const later = testSecretBoxFromEnv({ NODE_ENV: 'test', RESELLER_CONSOLE_TEST_SECRET_BOX: '1' })!;
    expect(later.open(sealed)).toBe('api-password-1');
    expect(() => later.open(Buffer.from('not sealed at all, long enough to read').toString('base64'))).toThrow();
  });
});
