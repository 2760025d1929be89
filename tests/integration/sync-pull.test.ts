import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run';
import { createHandlerTable } from '../../main/handlers/index';
import type { HandlerTable } from '../../main/handlers/table';
import { ProviderError } from '../../main/sync/provider';
import type { PackageProviderView, PullResult, PullStatusView, ReconciliationView } from '../../preload/schemas/sync';
import { channelCaller } from '../helpers/channels';
import { cdrRecord, FakePullProvider, resellerAtProvider } from '../helpers/pullProvider';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// FIXED_NOW is 2026-11-25.
let temp: TempStore;
let provider: FakePullProvider;
let table: HandlerTable;
beforeEach(async () => {
  temp = await tempStore();
  provider = new FakePullProvider(resellerAtProvider());
  table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, providerLookup: () => provider });
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => table);

async function rowCounts(): Promise<Record<string, number>> {
  const tables = ['clients', 'packages', 'client_packages', 'subaccounts', 'dids', 'did_assignments', 'calls', 'ledger_entries'] as const;
  const out: Record<string, number> = {};
  for (const name of tables) {
    const row = await temp.store.db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[name] = Number(row.n);
  }
  return out;
}

/** What the reseller typed here before connecting: Alice, a package "basic", her sub account, one DID. */
async function localBeforeFirstConnection(): Promise<{ aliceId: number; basicId: number }> {
  const alice = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  const basic = await ok<{ id: number }>('packages.create', { name: 'basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  await ok('subaccounts.create', { username: 'alice', clientId: alice.id, packageId: basic.id, nextBillingDate: '2026-12-01' });
  await ok('dids.add', { number: '+1 514 555 0100' });
  return { aliceId: alice.id, basicId: basic.id };
}

const pullOnlyAccounts = { accounts: true, calls: false, balances: false };

describe('sync pull: first connection', () => {
  it('matches what is already here (e-mail, name, username, number), adds the rest with provider ids, and a second run adds nothing', async () => {
    const { aliceId, basicId } = await localBeforeFirstConnection();
    const first = await ok<PullResult>('sync.pull', pullOnlyAccounts);
    expect(first.accounts).toEqual({
      packages: { matched: 0, linked: 1, created: 1 },
      clients: { matched: 0, linked: 1, created: 1 },
      subaccounts: { matched: 0, linked: 1, created: 1 },
      dids: { matched: 1, linked: 0, created: 1 },
    });
    const clients = await temp.store.db.selectFrom('clients').select(['id', 'email', 'provider_id', 'balance_mode', 'city']).orderBy('id').execute();
    expect(clients).toEqual([
      { id: aliceId, email: 'alice@example.com', provider_id: '561115', balance_mode: 'soft', city: '' },
      { id: expect.any(Number), email: 'bob@example.com', provider_id: '561116', balance_mode: 'soft', city: 'Laval' },
    ]);
    const packages = await temp.store.db.selectFrom('packages').select(['id', 'name', 'provider_id', 'pulse_seconds', 'free_minutes']).orderBy('id').execute();
    expect(packages).toEqual([
      { id: basicId, name: 'basic', provider_id: '8378', pulse_seconds: 60, free_minutes: 0 },
      { id: expect.any(Number), name: 'Premium Talk', provider_id: '8379', pulse_seconds: 6, free_minutes: 100 },
    ]);
    const subaccounts = await temp.store.db
      .selectFrom('subaccounts')
      .leftJoin('client_packages', 'client_packages.id', 'subaccounts.client_package_id')
      .select(['subaccounts.username', 'subaccounts.provider_id', 'subaccounts.client_id', 'client_packages.package_id', 'client_packages.next_billing_date', 'client_packages.setup_fee_pending', 'subaccounts.allowed_codecs'])
      .orderBy('subaccounts.id')
      .execute();
    const bobId = clients[1]!.id;
    expect(subaccounts).toEqual([
      { username: 'alice', provider_id: '99785', client_id: aliceId, package_id: basicId, next_billing_date: '2026-12-01', setup_fee_pending: 0, allowed_codecs: '["ulaw","g729"]' },
      // Bob's connection to the provider's package, billed from reseller_nextbilling; its setup fee was charged there.
      { username: 'bob', provider_id: '99786', client_id: bobId, package_id: packages[1]!.id, next_billing_date: '2026-12-10', setup_fee_pending: 0, allowed_codecs: '["ulaw","g729"]' },
    ]);
    const dids = await temp.store.db
      .selectFrom('dids')
      .leftJoin('did_assignments', 'did_assignments.did_id', 'dids.id')
      .select(['dids.number', 'dids.source', 'did_assignments.client_id', 'did_assignments.minute_rate_e8', 'did_assignments.monthly_fee_micros'])
      .orderBy('dids.number')
      .execute();
    expect(dids).toEqual([
      { number: '15145550100', source: 'manual', client_id: aliceId, minute_rate_e8: 1_000_000, monthly_fee_micros: 2_000_000 },
      { number: '15145550101', source: 'sync', client_id: bobId, minute_rate_e8: 900_000, monthly_fee_micros: 1_500_000 },
    ]);
    // No setup fee, no DID fee: the one entry is Bob's balance at the provider, where the new client starts from (Alice, linked, keeps her own ledger).
    expect(await temp.store.db.selectFrom('ledger_entries').select(['client_id', 'kind', 'amount_micros', 'reference']).execute()).toEqual([
      { client_id: bobId, kind: 'opening', amount_micros: 12_500_000, reference: 'opening:561116' },
    ]);
    expect(await temp.store.db.selectFrom('clients').select('balance_micros').where('id', '=', bobId).executeTakeFirst()).toEqual({ balance_micros: 12_500_000 });
    // And nothing of it goes back to the provider.
    expect(await temp.store.db.selectFrom('outbox').select('method').where('client_id', '=', bobId).execute()).toEqual([]);

    const before = await rowCounts();
    const second = await ok<PullResult>('sync.pull', pullOnlyAccounts);
    expect(second.accounts).toEqual({
      packages: { matched: 2, linked: 0, created: 0 },
      clients: { matched: 2, linked: 0, created: 0 },
      subaccounts: { matched: 2, linked: 0, created: 0 },
      dids: { matched: 2, linked: 0, created: 0 },
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('reads every list before writing: a refusal leaves the database as it was and says what the provider said', async () => {
    provider.failures.set('getDIDsInfo', () => new ProviderError('permanent', 'ip_not_enabled', 'This IP is not enabled for API use', 'getDIDsInfo'));
    const before = await rowCounts();
    const result = await call('sync.pull', pullOnlyAccounts);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('This IP is not enabled for API use (ip_not_enabled)') } });
    expect(await rowCounts()).toEqual(before);
  });

  it('takes an empty account (no_* statuses) as empty lists', async () => {
    provider = new FakePullProvider({ clients: [], packages: [], accounts: [], dids: [], cdrs: [], balances: {} });
    const result = await ok<PullResult>('sync.pull');
    expect(result.accounts).toEqual({
      packages: { matched: 0, linked: 0, created: 0 },
      clients: { matched: 0, linked: 0, created: 0 },
      subaccounts: { matched: 0, linked: 0, created: 0 },
      dids: { matched: 0, linked: 0, created: 0 },
    });
    expect(result.calls).toMatchObject({ clients: 0, windows: 0, added: 0 });
    expect(result.failures).toEqual([]);
  });

  it('refuses to pull when the provider is not set up', async () => {
    table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW });
    expect(await call('sync.pull')).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Settings → Provider') } });
  });
});

describe('sync pull: calls', () => {
  it('asks for every day once, in windows of at most 92 days, all four statuses, in the reseller\u2019s time zone; calls are rated and charged on arrival', async () => {
    await localBeforeFirstConnection();
    const result = await ok<PullResult>('sync.pull', { from: '2026-06-01', to: '2026-11-25', timezone: -5, balances: false });
    const asked = provider.callsOf('getResellerCDR');
    expect(asked.map((params) => [params['client'], params['date_from'], params['date_to']])).toEqual([
      ['561115', '2026-06-01', '2026-08-31'],
      ['561115', '2026-09-01', '2026-11-25'],
      ['561116', '2026-06-01', '2026-08-31'],
      ['561116', '2026-09-01', '2026-11-25'],
    ]);
    for (const params of asked) expect(params).toMatchObject({ timezone: -5, answered: 1, noanswer: 1, busy: 1, failed: 1 });
    expect(result.calls).toMatchObject({ from: '2026-06-01', to: '2026-11-25', clients: 2, windows: 4, read: 7, added: 7, duplicates: 0, rejected: 0 });
    const calls = await temp.store.db.selectFrom('calls').select(['call_id', 'status', 'disposition', 'charge_micros', 'client_id']).orderBy('call_id').execute();
    expect(calls.map((row) => row.call_id)).toEqual(['900001', '900002', '900003', 'A900004', 'A900005', 'A900006', 'A900007']);
    expect(calls.every((row) => row.status === 'rated')).toBe(true);
    expect(new Set(calls.map((row) => row.disposition))).toEqual(new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED']));
    // Rated by the packages' rules: Alice's 125 s call at 60 s pulse is billed 3 minutes.
    const aliceFirst = calls.find((row) => row.call_id === '900001')!;
    expect(aliceFirst.charge_micros).toBeGreaterThan(0);
    const charged = await temp.store.db.selectFrom('ledger_entries').select(['client_id', 'amount_micros']).where('kind', '=', 'calls').execute();
    const chargedTotal = charged.reduce((sum, row) => sum + row.amount_micros, 0);
    expect(chargedTotal).toBe(-calls.reduce((sum, row) => sum + row.charge_micros, 0));
    const status = await ok<PullStatusView>('sync.pullStatus');
    expect(status.timezone).toBe(-5);
    expect(status.clients.map((client) => [client.providerId, client.callsPulledTo])).toEqual([
      ['561115', '2026-11-25'],
      ['561116', '2026-11-25'],
    ]);
    expect(status.lastPull?.calls?.added).toBe(7);
  });

  it('goes on from the last day pulled with an overlap, and a call read twice is kept once and charged once', async () => {
    await localBeforeFirstConnection();
    await ok('sync.pull', { from: '2026-06-01', to: '2026-11-23', timezone: -5, balances: false });
    const balancesBefore = await temp.store.db.selectFrom('clients').select(['id', 'balance_micros']).orderBy('id').execute();
    provider.calls.length = 0;
    // A call the provider wrote late, on a day already pulled (inside the overlap).
    provider.state.cdrs.push(cdrRecord('561115', { uniqueid: '900010', date: '2026-11-22 23:58:00', account: '100000_alice', destination: '15145551234', seconds: 60, total: '0.00900000' }));
    const second = await ok<PullResult>('sync.pull', { balances: false });
    expect(provider.callsOf('getResellerCDR').map((params) => [params['client'], params['date_from'], params['date_to'], params['timezone']])).toEqual([
      ['561115', '2026-11-21', '2026-11-25', -5],
      ['561116', '2026-11-21', '2026-11-25', -5],
    ]);
    // 900003 (Nov 20) is before the overlap; Bob's two calls of Nov 24 are new; the late call is new.
    expect(second.calls).toMatchObject({ windows: 2, read: 3, added: 3, duplicates: 0 });
    const afterSecond = await temp.store.db.selectFrom('clients').select(['id', 'balance_micros']).orderBy('id').execute();
    const third = await ok<PullResult>('sync.pull', { from: '2026-11-01', to: '2026-11-25', balances: false });
    expect(third.calls).toMatchObject({ read: 4, added: 0, duplicates: 4 });
    const calls = await temp.store.db.selectFrom('calls').select('call_id').execute();
    expect(calls).toHaveLength(8);
    // Charged once: the third pull moved no balance.
    const afterThird = await temp.store.db.selectFrom('clients').select(['id', 'balance_micros']).orderBy('id').execute();
    expect(afterThird).toEqual(afterSecond);
    expect(afterSecond[0]!.balance_micros).toBeLessThan(balancesBefore[0]!.balance_micros);
  });

  it('a refusal for one client is reported and leaves that client to be read again; the other client\u2019s calls come', async () => {
    await localBeforeFirstConnection();
    provider.failures.set('getResellerCDR', (params) =>
      params['client'] === '561115' ? new ProviderError('transient', 'api_limit_exceeded', 'API limit exceeded, try later', 'getResellerCDR') : null,
    );
    const result = await ok<PullResult>('sync.pull', { from: '2026-09-01', to: '2026-11-25', balances: false });
    expect(result.failures).toEqual([
      { what: 'getResellerCDR for client 561115, 2026-09-01 to 2026-11-25', status: 'api_limit_exceeded', message: 'API limit exceeded, try later' },
    ]);
    expect(result.calls).toMatchObject({ added: 3 });
    const status = await ok<PullStatusView>('sync.pullStatus');
    expect(status.clients.map((client) => [client.providerId, client.callsPulledTo])).toEqual([
      ['561115', null],
      ['561116', '2026-11-25'],
    ]);
  });
});

describe('sync pull: balances and packages', () => {
  it('lists the clients whose balances differ, with the calls that explain it by day, both ways', async () => {
    await localBeforeFirstConnection();
    await ok('sync.pull', { from: '2026-06-01', to: '2026-11-25', balances: false });
    const [alice, bob] = await temp.store.db.selectFrom('clients').select(['balance_micros']).orderBy('id').execute();
    // Alice agrees with the provider to the micro.
    provider.state.balances['561115'] = (alice!.balance_micros / 1e6).toFixed(6);
    // At the provider Bob made a call not imported here, and one call here the provider no longer lists.
    provider.state.cdrs.push(cdrRecord('561116', { uniqueid: 'A900020', date: '2026-11-25 09:00:00', account: '100000_bob', destination: '15145559990', seconds: 120, total: '0.12000000' }));
    provider.state.cdrs = provider.state.cdrs.filter((record) => record['uniqueid'] !== 'A900007');
    provider.state.balances['561116'] = '-1.25';
    const bobCall = await temp.store.db.selectFrom('calls').select('charge_micros').where('call_id', '=', 'A900007').executeTakeFirstOrThrow();

    const checked = await ok<PullResult>('sync.reconcile');
    expect(checked.balances).toEqual({ checked: 2, differing: 1 });
    const view = await ok<ReconciliationView>('sync.reconciliation');
    expect(view.inStep).toBe(1);
    expect(view.checkedAt).toBe(FIXED_NOW.toISOString());
    expect(view.differences).toHaveLength(1);
    const row = view.differences[0]!;
    expect(row).toMatchObject({
      clientName: 'Bob Stone (Stone Inc)',
      providerId: '561116',
      providerBalance: '-1.250000',
      windowFrom: '2026-10-26',
      windowTo: '2026-11-25',
    });
    expect(Math.round(Number(row.difference) * 1e6)).toBe(bob!.balance_micros + 1_250_000);
    expect(row.days).toEqual([
      { day: '2026-11-24', onlyAtProvider: 0, providerTotal: '0.000000', onlyHere: 1, localCharge: (bobCall.charge_micros / 1e6).toFixed(6) },
      { day: '2026-11-25', onlyAtProvider: 1, providerTotal: '0.120000', onlyHere: 0, localCharge: '0.000000' },
    ]);
  });

  it('says which fields of a linked package differ from the provider\u2019s, and links one local package per provider package', async () => {
    const { basicId } = await localBeforeFirstConnection();
    await ok('sync.pull', pullOnlyAccounts);
    const basic = await ok<PackageProviderView>('sync.packageLink', { id: basicId });
    expect(basic.link).toMatchObject({ providerId: '8378', name: 'Basic' });
    expect(basic.differences).toEqual([
      { field: 'markup_fixed', label: 'Markup (fixed, per minute)', here: '0.00000000', atProvider: '0.00500000' },
      { field: 'monthly_fee', label: 'Monthly fee', here: '0.000000', atProvider: '10.000000' },
      { field: 'setup_fee', label: 'Setup fee', here: '0.000000', atProvider: '5.000000' },
    ]);
    const premium = await temp.store.db.selectFrom('packages').select('id').where('provider_id', '=', '8379').executeTakeFirstOrThrow();
    expect((await ok<PackageProviderView>('sync.packageLink', { id: premium.id })).differences).toEqual([]);
    // Fixed here: the warning goes.
    await ok('packages.update', { id: basicId, markupFixed: '0.005', monthlyFee: '10', setupFee: '5', pulseSeconds: 6 });
    expect((await ok<PackageProviderView>('sync.packageLink', { id: basicId })).differences).toEqual([
      { field: 'pulse', label: 'Pulse', here: '6 s', atProvider: '60 s' },
    ]);
    expect(await call('sync.linkPackage', { packageId: basicId, providerId: '8379' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('sync.linkPackage', { packageId: basicId, providerId: '9999' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unlinked = await ok<PackageProviderView>('sync.linkPackage', { packageId: basicId, providerId: null });
    expect(unlinked).toMatchObject({ link: null, differences: [], missingAtProvider: null });
    expect(unlinked.choices.map((choice) => [choice.providerId, choice.linkedPackageId])).toEqual([
      ['8378', null],
      ['8379', premium.id],
    ]);
    expect((await ok<PackageProviderView>('sync.linkPackage', { packageId: basicId, providerId: '8378' })).link?.providerId).toBe('8378');
    // Gone from the provider: the page says so.
    provider.state.packages = provider.state.packages.filter((pkg) => pkg['package'] !== '8378');
    await ok('sync.pull', pullOnlyAccounts);
    expect(await ok<PackageProviderView>('sync.packageLink', { id: basicId })).toMatchObject({ link: null, missingAtProvider: '8378' });
  });
});

describe('command line: sync pull', () => {
  const runWith = async (argv: string[], withProvider = true) => {
    let out = '';
    let err = '';
    const code = await runCli(
      ['--db', join(temp.dir, 'test.db'), ...argv],
      { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) },
      { now: () => FIXED_NOW, ...(withProvider ? { providerLookup: () => provider } : {}) },
    );
    return { code, out, err };
  };

  it('pulls a period and prints one JSON document; exit 1 with the reason when a part failed or the provider is not set up', async () => {
    const pulled = await runWith(['sync', 'pull', '--from', '2026-09-01', '--to', '2026-11-25', '--timezone', '-5', '--json']);
    expect(pulled).toMatchObject({ code: 0, err: '' });
    const result = JSON.parse(pulled.out) as PullResult;
    expect(result).toMatchObject({ timezone: -5, calls: { from: '2026-09-01', to: '2026-11-25', windows: 2, added: 5 }, balances: { checked: 2 } });
    const human = await runWith(['sync', 'pull', '--from', '2026-11-01', '--to', '2026-11-25']);
    expect(human.code).toBe(0);
    expect(human.out).toContain('Clients: 2 already linked, 0 matched and linked, 0 added');
    expect(human.out).toMatch(/Calls 2026-11-01 to 2026-11-25 \(time zone -5\), 2 clients in 2 requests: 3 read, 0 added/);

    provider.failures.set('getResellerBalance', () => new ProviderError('permanent', 'invalid_client', 'This is not a valid Client', 'getResellerBalance'));
    const failed = await runWith(['sync', 'pull', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out).failures).toHaveLength(2);
    expect(failed.err).toContain('2 part(s) of the pull failed');

    const notSetUp = await runWith(['sync', 'pull'], false);
    expect(notSetUp.code).toBe(1);
    expect(notSetUp.err).toContain('Settings → Provider');
  });
});
