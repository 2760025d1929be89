import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { dispatch } from '../../main/handlers/index';
import { openStartLocation, startLocation } from '../../main/openDatabase';
import { defaultBoxFor } from '../../main/services/secrets';
import { tempStore, type TempStore } from '../helpers/store';

/** Issue 16, Settings → Database against a real server: its answer, or a refusal that says why. */
describe('Settings → Database on a PostgreSQL server', () => {
  let temp: TempStore;
  let url: URL;
  beforeEach(async () => {
    temp = await tempStore();
    url = new URL(temp.location);
  });
  afterEach(() => temp.cleanup());

  const withoutPassword = (change: (target: URL) => void = () => undefined): string => {
    const target = new URL(url);
    target.password = '';
    change(target);
    return target.toString();
  };
  const test = async (input: { url: string; password?: string }) => {
    const result = await dispatch(temp.table, 'database.testConnection', input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { ok: boolean; reason: string | null; server: string | null; message: string };
  };

  it("shows the server's answer, with the password typed or the one saved", async () => {
    const password = decodeURIComponent(url.password);
    expect(await test({ url: withoutPassword(), password })).toMatchObject({ ok: true, reason: null, server: expect.stringMatching(/^PostgreSQL \d+/), message: expect.stringContaining('up to date') });
    await dispatch(temp.table, 'database.choose', { kind: 'server', url: withoutPassword(), password });
    expect(await test({ url: withoutPassword() })).toMatchObject({ ok: true });
    // The next start opens the saved server with the sealed password.
    const start = startLocation({ env: {}, dataFolder: temp.store.folder });
    const reopened = await openStartLocation(start, { folder: temp.store.folder, env: {}, secrets: defaultBoxFor(temp.store.folder) });
    try {
      expect(reopened.dialect).toBe('postgres');
      expect(reopened.location).toBe(withoutPassword());
    } finally {
      await reopened.close();
    }
  });

  it('refuses a wrong password, a missing database, TLS it cannot verify, and a database newer than the app, each with why', async () => {
    expect(await test({ url: withoutPassword(), password: 'not-the-password' })).toMatchObject({ ok: false, reason: 'password', message: expect.stringContaining('refused the password') });
    expect(await test({ url: withoutPassword(), password: 'not-the-password' })).not.toMatchObject({ message: expect.stringContaining('not-the-password') });
    const password = decodeURIComponent(url.password);
    expect(await test({ url: withoutPassword((target) => (target.pathname = '/no_such_database')), password })).toMatchObject({ ok: false, reason: 'no_database' });
    // The test cluster's certificate is self-signed: verify-full without its CA is refused.
    expect(await test({ url: withoutPassword((target) => target.searchParams.set('sslmode', 'verify-full')), password })).toMatchObject({ ok: false, reason: 'tls' });
    expect(await test({ url: withoutPassword((target) => target.searchParams.set('sslmode', 'require')), password })).toMatchObject({ ok: true });
    await sql`update schema_version set version = ${LATEST_SCHEMA_VERSION + 1}`.execute(temp.store.db);
    expect(await test({ url: withoutPassword(), password })).toMatchObject({ ok: false, reason: 'too_new', message: expect.stringContaining('newer version') });
  });
});
