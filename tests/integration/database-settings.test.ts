import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../main/handlers/index';
import { DATABASE_CHOICE_FILE, readDatabaseChoice, startLocation } from '../../main/openDatabase';
import { defaultBoxFor, keyFromText } from '../../main/services/secrets';
import { desktopSecretBox } from '../../main/electron/secretBox';
import { TEAM_KEY_FILE } from '../../main/electron/teamKey';
import { tempStore, type TempStore } from '../helpers/store';

/** Issue 16, Settings → Database: the choice for the next start, saved beside the data, its password sealed. */
describe('Settings → Database (the choice of where the data lives)', () => {
  let temp: TempStore;
  beforeEach(async () => {
    temp = await tempStore();
  });
  afterEach(() => temp.cleanup());

  const call = (name: 'database.status' | 'database.choose' | 'database.testConnection', input?: unknown) => dispatch(temp.table, name, input);

  it('shows where the data lives now, and this computer’s file as the choice until one is saved', async () => {
    const status = await call('database.status');
    expect(status).toEqual({
      ok: true,
      value: {
        current: { kind: temp.store.dialect === 'postgres' ? 'server' : 'file', location: temp.store.location },
        saved: { kind: 'file' },
        canSavePassword: true,
        // The command line's and the headless host's box: the team key is RESELLER_CONSOLE_KEY or the key file, never the window's.
        teamKey: null,
      },
    });
    if (temp.store.dialect === 'postgres') expect((status as { value: { current: { location: string } } }).value.current.location).not.toContain('test-only');
  });

  it('refuses a team key that is too short, with a clear message, and saves nothing (issue 16)', async () => {
    const short = await call('database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console', teamKey: 'short-key' });
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Team key: too short.*16 characters.*32 bytes/) } });
    expect(readDatabaseChoice(temp.store.folder)).toEqual({ kind: 'file' });
    // A key long enough at the door, on a host that takes the team key from its environment only: refused, nothing saved.
    const headless = await call('database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console', teamKey: 'a team passphrase long enough' });
    expect(headless).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('RESELLER_CONSOLE_KEY') } });
    expect(readDatabaseChoice(temp.store.folder)).toEqual({ kind: 'file' });
  });

  it('on the desktop app, saves the team key sealed by the keychain with the choice; the window only hears that one is saved (issue 16)', async () => {
    const keychain = { isEncryptionAvailable: () => true, encryptString: (plain: string) => Buffer.from(`kc(${plain})`), decryptString: (sealed: Buffer) => sealed.toString().slice(3, -1) };
    const secrets = desktopSecretBox({ keychain: () => keychain, dataFolder: temp.store.folder, env: {}, serverOpen: () => temp.store.dialect === 'postgres', platform: 'darwin' });
    const table = createHandlerTable({ store: temp.store, host: 'electron', secrets });
    expect(await dispatch(table, 'database.status', undefined)).toMatchObject({ ok: true, value: { teamKey: { source: 'none', canSave: true } } });
    const passphrase = 'every computer of the team types this';
    const saved = await dispatch(table, 'database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console', teamKey: passphrase });
    expect(saved).toMatchObject({ ok: true, value: { saved: { kind: 'server', url: 'postgres://team@db.example.com/console' }, teamKey: { source: 'saved', canSave: true } } });
    expect(JSON.stringify(saved)).not.toContain('every computer');
    const file = readFileSync(join(temp.store.folder, TEAM_KEY_FILE), 'utf8');
    expect(file).not.toContain('every computer');
    expect(keychain.decryptString(Buffer.from(file.trim(), 'base64'))).toBe(keyFromText(passphrase).toString('hex'));
    // Blank keeps it; a short one is refused and leaves the saved one as it was.
    expect(await dispatch(table, 'database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console', teamKey: '' })).toMatchObject({ ok: true, value: { teamKey: { source: 'saved' } } });
    expect(await dispatch(table, 'database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console', teamKey: 'too short' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readFileSync(join(temp.store.folder, TEAM_KEY_FILE), 'utf8')).toBe(file);
  });

  it('saves a server with its password sealed, never in the file nor back to the window, and the next start opens it', async () => {
    const saved = await call('database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console?sslmode=require', password: 'Sekr3t-pass' });
    expect(saved).toEqual({ ok: true, value: expect.objectContaining({ saved: { kind: 'server', url: 'postgres://team@db.example.com/console?sslmode=require', passwordSaved: true } }) });
    expect(JSON.stringify(saved)).not.toContain('Sekr3t');
    const file = readFileSync(join(temp.store.folder, DATABASE_CHOICE_FILE), 'utf8');
    expect(file).not.toContain('Sekr3t');
    const start = startLocation({ env: {}, dataFolder: temp.store.folder });
    expect(start).toMatchObject({ location: 'postgres://team@db.example.com/console?sslmode=require', from: 'settings' });
    expect(defaultBoxFor(temp.store.folder).open(start.sealedPassword!)).toBe('Sekr3t-pass');
    // --db and RESELLER_CONSOLE_DB still win over the saved choice.
    expect(startLocation({ explicit: '/tmp/x.db', env: {}, dataFolder: temp.store.folder })).toEqual({ location: '/tmp/x.db', from: 'option' });
    expect(startLocation({ env: { RESELLER_CONSOLE_DB: '/tmp/y.db' }, dataFolder: temp.store.folder })).toEqual({ location: '/tmp/y.db', from: 'environment' });

    // Saved again with the password left blank: the sealed one is kept; a password in the URL is sealed, not written out.
    await call('database.choose', { kind: 'server', url: 'postgres://team@db.example.com/console?sslmode=require' });
    expect(readDatabaseChoice(temp.store.folder)).toMatchObject({ kind: 'server', sealedPassword: start.sealedPassword });
    await call('database.choose', { kind: 'server', url: 'postgres://team:In%40line@db2.example.com/console' });
    const inline = readDatabaseChoice(temp.store.folder);
    expect(inline).toMatchObject({ kind: 'server', url: 'postgres://team@db2.example.com/console' });
    expect(defaultBoxFor(temp.store.folder).open((inline as { sealedPassword: string }).sealedPassword)).toBe('In@line');

    // Back to this computer's file.
    expect(await call('database.choose', { kind: 'file' })).toMatchObject({ ok: true, value: { saved: { kind: 'file' } } });
    expect(startLocation({ env: {}, dataFolder: temp.store.folder })).toEqual({ location: join(temp.store.folder, 'reseller.db'), from: 'default' });
  });

  it('refuses what is not a server address it can use, at the door and before saving', async () => {
    expect(await call('database.choose', { kind: 'server', url: 'mysql://x@y/z' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('postgres://') } });
    expect(await call('database.choose', { kind: 'server', url: 'postgres://x@y/z', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('database.choose', { kind: 'server', url: 'postgres://x@y/z?sslmode=prefer' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('sslmode=prefer') } });
    expect(await call('database.testConnection', { url: 'postgres://x@y/z', password: 'p'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(readDatabaseChoice(temp.store.folder)).toEqual({ kind: 'file' });
  });

  it('says clearly when a server refuses TLS', async () => {
    // A server that answers PostgreSQL's SSLRequest with "N": it does not speak TLS.
    const server = createServer((socket) => socket.once('data', () => socket.write('N')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await call('database.testConnection', { url: `postgres://team@127.0.0.1:${port}/console?sslmode=require`, password: 'x' });
      expect(answer).toMatchObject({ ok: true, value: { ok: false, reason: 'tls', message: expect.stringContaining('TLS refused') } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says clearly when a server cannot be reached', async () => {
    // Port 1 on this machine: nothing listens there.
    const answer = await call('database.testConnection', { url: 'postgres://team@127.0.0.1:1/console', password: 'x' });
    expect(answer).toMatchObject({ ok: true, value: { ok: false, reason: 'unreachable', server: null, message: expect.stringContaining('cannot be reached') } });
  });
});
