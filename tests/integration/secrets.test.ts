import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/index';
import { createHandlerTable } from '../../main/handlers/index';
import { environmentKeyBox, KEY_FILE, keyBox, keyFromFile, keyFromText, sealStoredPasswords } from '../../main/services/secrets';
import { onAppStart } from '../../main/services/startup';
import { resolveParams } from '../../main/sync/delivery';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/** Issue 14: no password readable in the database file; the key from the environment or a private key file. */

describe('the key box', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rc-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals and opens; another key or a damaged value is refused with why', () => {
    const box = keyBox(Buffer.alloc(32, 7));
    const sealed = box.seal('S1p-Pass!');
    expect(sealed).toMatch(/^rcs1:[0-9a-f]{8}:/);
    expect(box.seal('S1p-Pass!')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('S1p-Pass!');
    expect(() => keyBox(Buffer.alloc(32, 8)).open(sealed)).toThrow(/another key/);
    const tampered = `${sealed.slice(0, -6)}AAAAAA`;
    expect(() => box.open(tampered)).toThrow(/damaged/);
  });

  it('takes RESELLER_CONSOLE_KEY as 32 bytes (hex or base64) or a passphrase, never a short one', () => {
    const key = Buffer.alloc(32, 3);
    expect(keyFromText(key.toString('hex'))).toEqual(key);
    expect(keyFromText(key.toString('base64'))).toEqual(key);
    expect(keyFromText('correct horse battery staple')).toHaveLength(32);
    expect(keyFromText('correct horse battery staple')).toEqual(keyFromText('correct horse battery staple'));
    expect(() => keyFromText('short')).toThrow(/too short/);
    const fromEnv = environmentKeyBox({ RESELLER_CONSOLE_KEY: key.toString('hex') }, dir);
    expect(keyBox(key).open(fromEnv.seal('x'))).toBe('x');
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
  });

  it('otherwise makes a key file readable by its owner only, when first needed, and refuses one others can read', () => {
    const box = environmentKeyBox({}, dir);
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
    const sealed = box.seal('pw');
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(environmentKeyBox({}, dir).open(sealed)).toBe('pw');
    chmodSync(join(dir, KEY_FILE), 0o644);
    expect(() => keyFromFile(dir, 'linux')).toThrow(/can be read by other users: run "chmod 600/);
    expect(environmentKeyBox({}, dir).canSeal()).toBe(false);
    writeFileSync(join(dir, KEY_FILE), 'short\n', { mode: 0o600 });
    chmodSync(join(dir, KEY_FILE), 0o600);
    expect(() => keyFromFile(dir, 'linux')).toThrow(/damaged/);
  });
});

describe('passwords at rest', () => {
  let temp: TempStore;
  const box = keyBox(Buffer.alloc(32, 9));
  beforeEach(async () => {
    temp = await tempStore();
  });
  afterEach(() => temp.cleanup());

  /**
   * The database as its own tool prints it: `sqlite3 reseller.db .dump` (the WAL checkpointed
   * into the file first), or `pg_dump` of the server's database.
   */
  function dump(): string {
    const { store } = temp;
    if (store.dialect === 'postgres') return execFileSync('pg_dump', ['--no-owner', `--dbname=${temp.location}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return execFileSync('sqlite3', [store.path, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  }

  const createSubAccountItem = () => temp.store.db.selectFrom('outbox').selectAll().where('method', '=', 'createSubAccount').orderBy('id').executeTakeFirstOrThrow();

  async function ok<T>(table: ReturnType<typeof createHandlerTable>, name: string, input: unknown): Promise<T> {
    const result = await dispatch(table, name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  }

  it('a sub account made now: its SIP password sealed in the table and in the outbox, shown when asked, sent in plain text to the provider only', async () => {
    const table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, secrets: box });
    const made = await ok<{ id: number; password: string }>(table, 'subaccounts.create', { username: 'anadesk', password: 'Desk-Phone-Secret-42' });
    expect(made.password).toBe('Desk-Phone-Secret-42');
    expect(dump()).not.toContain('Desk-Phone-Secret-42');
    expect((await ok<{ password: string }>(table, 'subaccounts.revealPassword', { id: made.id })).password).toBe('Desk-Phone-Secret-42');
    const item = await createSubAccountItem();
    const resolved = await resolveParams(temp.store.db, item, box);
    expect(resolved).toMatchObject({ ok: true, params: { password: 'Desk-Phone-Secret-42', username: 'anadesk' } });
    // The API password, saved as the desktop app saves it (the same box seals it).
    const app = createHandlerTable({ store: temp.store, host: 'electron', now: () => FIXED_NOW, secrets: box, provider: { secrets: box, environment: null } });
    await ok(app, 'sync.saveSettings', { apiUsername: 'reseller@example.com', apiPassword: 'Api-Secret-Word-123', baseUrl: 'https://voip.ms/api/v1/rest.php' });
    expect(dump()).not.toContain('Api-Secret-Word-123');
    // Another computer's key: the item waits and says why, it never sends a sealed value.
    expect(await resolveParams(temp.store.db, item, keyBox(Buffer.alloc(32, 1)))).toMatchObject({ ok: false, waitingFor: expect.stringMatching(/cannot be opened here/) });
  });

  it('passwords stored in plain text before: sealed by the next start, none readable in the file after', async () => {
    const table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, secrets: box });
    const client = await ok<{ id: number }>(table, 'clients.create', { firstName: 'Bo', lastName: 'Old', email: 'bo@example.com', balanceMode: 'soft' });
    const made = await ok<{ id: number }>(table, 'subaccounts.create', { username: 'bodesk', password: 'Old-Plain-SIP-99' });
    // As a version before issue 14 left them: plain text in the tables and in a waiting outbox item.
    const { db } = temp.store;
    await db.updateTable('subaccounts').set({ password: 'Old-Plain-SIP-99' }).where('id', '=', made.id).execute();
    await db.updateTable('clients').set({ portal_password: 'Old-Portal-Pass-77' }).where('id', '=', client.id).execute();
    const waiting = await createSubAccountItem();
    await db
      .updateTable('outbox')
      .set({ params: JSON.stringify({ ...(JSON.parse(waiting.params) as object), password: 'Old-Plain-SIP-99' }) })
      .where('id', '=', waiting.id)
      .execute();
    // Plain text that only looks sealed to a comparison ignoring case (the prefix is "rcs1:").
    const lookalike = await ok<{ id: number }>(table, 'subaccounts.create', { username: 'bodesk2', password: 'Sealed-Later-1' });
    await db.updateTable('subaccounts').set({ password: 'RCS1:Looks-Sealed-88' }).where('id', '=', lookalike.id).execute();
    expect(dump()).toContain('Old-Plain-SIP-99');
    expect(dump()).toContain('Old-Portal-Pass-77');
    expect(dump()).toContain('RCS1:Looks-Sealed-88');

    await onAppStart(temp.store, () => FIXED_NOW, box);
    const text = dump();
    for (const secret of ['Old-Plain-SIP-99', 'Old-Portal-Pass-77', 'RCS1:Looks-Sealed-88']) expect(text).not.toContain(secret);
    expect((await ok<{ password: string }>(table, 'subaccounts.revealPassword', { id: made.id })).password).toBe('Old-Plain-SIP-99');
    expect((await ok<{ password: string }>(table, 'subaccounts.revealPassword', { id: lookalike.id })).password).toBe('RCS1:Looks-Sealed-88');
    const item = await createSubAccountItem();
    expect(JSON.parse(item.params).password).toEqual({ $ref: 'subaccountPassword', id: made.id });
    expect(await resolveParams(temp.store.db, item, box)).toMatchObject({ ok: true, params: { password: 'Old-Plain-SIP-99' } });
    // Run again: nothing left to seal.
    expect(await sealStoredPasswords(temp.store.db, box)).toEqual({ subaccounts: 0, portalPasswords: 0, outboxItems: 0 });
  });

  it('a computer that cannot seal: refused with a clear message, nothing stored in plain text', async () => {
    const refuse = (): never => {
      throw new Error('no keychain');
    };
    const noKeychain = { canSeal: () => false, seal: refuse, open: refuse };
    const table = createHandlerTable({ store: temp.store, host: 'electron', now: () => FIXED_NOW, secrets: noKeychain });
    const refused = await dispatch(table, 'subaccounts.create', { username: 'nokey', password: 'Never-Plain-1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'password', message: expect.stringMatching(/no keychain/) }] } });
    expect(dump()).not.toContain('Never-Plain-1');
    // A password left in plain text by a version before: the migration refuses (and says why) rather than pretend.
    const withKey = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, secrets: box });
    const made = await ok<{ id: number }>(withKey, 'subaccounts.create', { username: 'legacy', password: 'Sealed-First-1' });
    await temp.store.db.updateTable('subaccounts').set({ password: 'Legacy-Plain-5' }).where('id', '=', made.id).execute();
    await expect(sealStoredPasswords(temp.store.db, noKeychain)).rejects.toThrow(/no keychain to encrypt them/);
    // Nothing was sealed with a key file instead: the folder holds none.
    expect(existsSync(join(temp.dir, KEY_FILE))).toBe(false);
  });
});
