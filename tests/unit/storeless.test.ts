import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STORELESS } from '../../vitest.config';

/**
 * Issue 16: the PostgreSQL run leaves out the integration files with no store in them (the
 * provider's API and its emulator): they would only run the same thing twice. This keeps
 * the list honest: a file on it that starts opening a store fails here, and must then run on
 * both stores.
 */
const OPENS_A_STORE = /\b(tempStore|openStore|openPgStore|createContext|migrate)\b|helpers\/(store|pgServer|seed)|db\/open/;

describe('files left out of the PostgreSQL run', () => {
  it.each(STORELESS)('%s opens no store', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text.match(OPENS_A_STORE)?.[0] ?? null).toBeNull();
  });

  it('the check itself finds a store where there is one', () => {
    expect(readFileSync('tests/integration/clients.test.ts', 'utf8')).toMatch(OPENS_A_STORE);
  });
});
