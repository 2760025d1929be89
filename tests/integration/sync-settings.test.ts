import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/open';
import { EventBus } from '../../main/events';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { createWorkspace } from '../../main/handlers/workspace';
import { createContext } from '../../main/services/context';
import { DEFAULT_PROVIDER_URL } from '../../main/sync/provider';
import type { SecretBox } from '../../main/sync/secretBox';
import { environmentAccess, providerFor, type ProviderAccess } from '../../main/sync/settings';
import { VoipmsProvider } from '../../main/sync/voipms';
import type { ConnectionTest, ProviderSettingsView } from '../../preload/schemas/sync';
import { channelCaller } from '../helpers/channels';
import { startEmulator, type Emulator } from '../fixtures/emulator';
import { tempStore, type TempStore } from '../helpers/store';

/** A keychain stand-in: reversible, never plain text, and it remembers what it sealed. */
function fakeKeychain(available = true): SecretBox & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    canSeal: () => available,
    seal: (secret) => {
      sealed.push(secret);
      return Buffer.from(`sealed:${[...secret].reverse().join('')}`).toString('base64');
    },
    open: (text) => {
      const opened = Buffer.from(text, 'base64').toString('utf8');
      if (!opened.startsWith('sealed:')) throw new Error('not sealed here');
      return [...opened.slice('sealed:'.length)].reverse().join('');
    },
  };
}

let temp: TempStore;
let store: Store;
let emulator: Emulator;

beforeEach(async () => {
  temp = await tempStore();
  store = temp.store;
  emulator = await startEmulator({ data: { balance: '112.19279' } });
});
afterEach(async () => {
  await emulator.stop();
  if (store !== temp.store) await store.close();
  await temp.cleanup();
});

const channels = (provider: ProviderAccess) => channelCaller(() => createHandlerTable({ store, host: 'electron', provider }));

describe('provider settings (Settings → Provider)', () => {
  it('start empty at the provider\'s own address, with nothing to connect with', async () => {
    const { ok } = channels({ secrets: fakeKeychain(), environment: null });
    expect(await ok<ProviderSettingsView>('sync.settings')).toEqual({ apiUsername: '', passwordSaved: false, baseUrl: DEFAULT_PROVIDER_URL, fromEnvironment: false, canSavePassword: true });
    expect(await ok<ConnectionTest>('sync.testConnection')).toMatchObject({ ok: false, status: 'not_configured' });
    expect(await providerFor(createContext(store))).toBeNull();
  });

  it('keep the password sealed by the secret box, never in plain text, never sent back', async () => {
    const keychain = fakeKeychain();
    const { ok } = channels({ secrets: keychain, environment: null });
    const saved = await ok<ProviderSettingsView>('sync.saveSettings', { apiUsername: emulator.username, apiPassword: emulator.password, baseUrl: emulator.url });
    expect(saved).toEqual({ apiUsername: emulator.username, passwordSaved: true, baseUrl: emulator.url, fromEnvironment: false, canSavePassword: true });
    expect(keychain.sealed).toEqual([emulator.password]);
    const row = await store.db.selectFrom('settings').select('value').where('key', '=', 'provider').executeTakeFirstOrThrow();
    expect(row.value).not.toContain(emulator.password);
    expect(JSON.stringify(saved)).not.toContain(emulator.password);

    // A blank password keeps the saved one.
    await ok('sync.saveSettings', { apiUsername: emulator.username, apiPassword: '', baseUrl: emulator.url });
    expect(keychain.sealed).toHaveLength(1);
    const provider = await providerFor(createContext(store, undefined, undefined, undefined, { secrets: keychain, environment: null }));
    expect(provider).toBeInstanceOf(VoipmsProvider);
    expect(await provider!.call('getIP')).toEqual({ status: 'success', ip: '127.0.0.1' });
  });

  it('another e-mail needs its own password; a box without a keychain saves none', async () => {
    const { call, ok } = channels({ secrets: fakeKeychain(), environment: null });
    await ok('sync.saveSettings', { apiUsername: 'a@example.com', apiPassword: 'pw-a', baseUrl: emulator.url });
    const changed = await call('sync.saveSettings', { apiUsername: 'b@example.com', baseUrl: emulator.url });
    expect(changed).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'apiPassword' }] } });

    const noKeychain = channels({ secrets: fakeKeychain(false), environment: null });
    expect(await noKeychain.ok<ProviderSettingsView>('sync.settings')).toMatchObject({ canSavePassword: false });
    const refused = await noKeychain.call('sync.saveSettings', { apiUsername: 'a@example.com', apiPassword: 'pw-a', baseUrl: emulator.url });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('RESELLER_API_PASSWORD') } });
    // The sealed password of a keychain this computer cannot open is no password.
    expect(await providerFor(createContext(store, undefined, undefined, undefined, { secrets: fakeKeychain(false), environment: null }))).toBeNull();
  });

  it('the environment\'s credentials win, are shown as such, and are not edited here', async () => {
    const access = environmentAccess({ RESELLER_API_USERNAME: emulator.username, RESELLER_API_PASSWORD: emulator.password, RESELLER_API_URL: emulator.url });
    const { call, ok } = channels(access);
    expect(await ok<ProviderSettingsView>('sync.settings')).toEqual({ apiUsername: emulator.username, passwordSaved: true, baseUrl: emulator.url, fromEnvironment: true, canSavePassword: false });
    expect(await call('sync.saveSettings', { apiUsername: 'x@example.com', apiPassword: 'x', baseUrl: emulator.url })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Blank variables count as absent.
    expect(environmentAccess({ RESELLER_API_URL: ' ', RESELLER_API_USERNAME: '' }).environment).toEqual({});
  });
});

describe('Test connection', () => {
  const viaEnvironment = () => channels(environmentAccess({ RESELLER_API_USERNAME: emulator.username, RESELLER_API_PASSWORD: emulator.password, RESELLER_API_URL: emulator.url }));

  it('asks getIP, then getBalance, and shows both', async () => {
    expect(await viaEnvironment().ok<ConnectionTest>('sync.testConnection')).toEqual({
      ok: true,
      ip: '127.0.0.1',
      balance: '112.192790',
      status: null,
      message: 'Connected. The provider sees this computer as 127.0.0.1.',
    });
    expect(emulator.requests().map((entry) => entry.method)).toEqual(['getIP', 'getBalance']);
  });

  it('explains ip_not_enabled with the IP to allow-list', async () => {
    emulator.setAllowedIps(['203.0.113.7']);
    const result = await viaEnvironment().ok<ConnectionTest>('sync.testConnection');
    expect(result).toMatchObject({ ok: false, ip: '127.0.0.1', balance: null, status: 'ip_not_enabled' });
    expect(result.message).toMatch(/^This IP is not enabled for API use\. Allow-list 127\.0\.0\.1 /);
  });

  it('says what the provider said about wrong credentials, and when it cannot be reached', async () => {
    const wrong = channels(environmentAccess({ RESELLER_API_USERNAME: emulator.username, RESELLER_API_PASSWORD: 'wrong', RESELLER_API_URL: emulator.url }));
    expect(await wrong.ok<ConnectionTest>('sync.testConnection')).toMatchObject({ ok: false, status: 'invalid_credentials', message: expect.stringContaining('Username or Password is incorrect') });
    const url = emulator.url;
    await emulator.stop();
    const away = channels(environmentAccess({ RESELLER_API_USERNAME: 'a@example.com', RESELLER_API_PASSWORD: 'p', RESELLER_API_URL: url }));
    expect(await away.ok<ConnectionTest>('sync.testConnection')).toMatchObject({ ok: false, ip: null, status: 'network' });
    emulator = await startEmulator();
  });
});

describe('the demo beside the real data', () => {
  it('never reaches the provider: the real database has the access, the demo has none', async () => {
    const workspace = createWorkspace({
      real: store,
      reopenReal: () => temp.reopen(),
      host: 'headless',
      events: new EventBus(),
      now: () => new Date('2026-11-25T12:00:00Z'),
      demo: { clients: 2, cdrs: 50, seed: 3, months: 1 },
      provider: environmentAccess({ RESELLER_API_USERNAME: emulator.username, RESELLER_API_PASSWORD: emulator.password, RESELLER_API_URL: emulator.url }),
    });
    const ask = async <T>(name: string, input?: unknown): Promise<T> => {
      const result = await dispatch(workspace.table, name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    expect(await ask<ProviderSettingsView>('sync.settings')).toMatchObject({ fromEnvironment: true });
    await ask('workspace.open', { to: 'demo' });
    expect(await ask<ProviderSettingsView>('sync.settings')).toMatchObject({ fromEnvironment: false, apiUsername: '' });
    expect(await ask<ConnectionTest>('sync.testConnection')).toMatchObject({ ok: false, status: 'not_configured' });
    await ask('workspace.open', { to: 'real' });
    expect(await ask<ConnectionTest>('sync.testConnection')).toMatchObject({ ok: true });
    // The workspace closes the database it has open (the real one opened again): afterEach closes this test's own.
    await workspace.close();
  });
});
