import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxItemView, SyncStatus } from '../../preload/schemas/sync';
import { backoffDelay } from '../../main/sync/backoff';
import { createPushWorker, PUSH_LEASE_MS, pushDue } from '../../main/sync/pushWorker';
import type { Provider, ProviderParams } from '../../main/sync/provider';
import { OutboxFakeProvider } from '../helpers/outboxFakeProvider';
import { aliceInput, bobInput, outboxRows, syncWorld, type SyncWorld } from '../helpers/syncWorld';

// Issue 12: the push worker against an in-memory fake of the provider (tests never sleep: clocks and timers are the test's).
let world: SyncWorld;
let fake: OutboxFakeProvider;
beforeEach(async () => {
  world = await syncWorld();
  fake = new OutboxFakeProvider();
  world.provider.current = fake;
});
afterEach(() => world.cleanup());

const basic = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 };
const push = () => world.ok<SyncStatus>('sync.push');
const items = (state: 'open' | 'failed' | 'all' = 'open') => world.ok<OutboxItemView[]>('sync.items', { state });

/** Alice with a threshold and an opening payment, a package linked to the provider's 92364, a sub account and a DID. */
async function aliceWithTelephony(link = true) {
  const alice = await world.ok<{ id: number }>('clients.create', { ...aliceInput, lowBalanceThreshold: '10', openingPayment: '25' });
  const pkg = await world.ok<{ id: number }>('packages.create', basic);
  // Linking a local package to one of the provider's is the pull's part (issue 12): here, the column it sets.
  if (link) await world.store.db.updateTable('packages').set({ provider_id: '92364' }).where('id', '=', pkg.id).execute();
  const sub = await world.ok<{ id: number; clientPackageId: number }>('subaccounts.create', { username: 'alice', clientId: alice.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
  await world.ok('dids.add', { number: '15145550101' });
  await world.ok('dids.assign', { number: '15145550101', clientPackageId: sub.clientPackageId, minuteRate: '0.01', monthlyFee: '3' });
  return { alice: alice.id, pkg: pkg.id, sub: sub.id };
}

describe('the push worker', () => {
  it('sends in order per entity, waits behind the create, and keeps the provider ids', async () => {
    const { alice, sub } = await aliceWithTelephony();
    expect(await world.ok('sync.status')).toEqual({ pending: 5, failed: 0, configured: true, lastSyncAt: null });
    expect(await push()).toMatchObject({ pending: 0, failed: 0, lastSyncAt: world.clock.now.toISOString() });
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'setClientThreshold', 'addPayment', 'createSubAccount', 'connectDID']);
    const clientNumber = [...fake.clients.keys()][0]!;
    expect(fake.applied('addPayment')[0]!.params).toMatchObject({ client: clientNumber, payment: '25.00' });
    // The portal password, made when first sent, is kept: setClient (a full replace) sends it again.
    const { password } = fake.applied('signupClient')[0]!.params;
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(fake.applied('signupClient')[0]!.params.confirm_password).toBe(password);
    await world.ok('clients.update', { id: alice, phone: '5145550199' });
    await push();
    expect(fake.applied('setClient')[0]!.params).toMatchObject({ client: clientNumber, password, phone_number: '5145550199', country: 'CA' });
    expect(fake.applied('createSubAccount')[0]!.params).toMatchObject({ reseller_client: clientNumber, reseller_package: '92364', protocol: '1', lock_international: '0' });
    expect(fake.dids.get('5145550101')).toBe('100000_alice');
    expect(await world.store.db.selectFrom('clients').select('provider_id').where('id', '=', alice).executeTakeFirst()).toEqual({ provider_id: clientNumber });
    const subaccount = await world.store.db.selectFrom('subaccounts').select('provider_id').where('id', '=', sub).executeTakeFirstOrThrow();
    expect(fake.subaccounts.get(subaccount.provider_id!)).toMatchObject({ username: 'alice' });
    expect(await items()).toEqual([]);
    expect((await items('all')).every((item) => item.state === 'done')).toBe(true);
  });

  it('offline is normal: changes save and wait; without a provider nothing is sent', async () => {
    world.provider.current = null;
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    expect(await push()).toEqual({ pending: 1, failed: 0, configured: false, lastSyncAt: null });
    world.provider.current = fake;
    fake.online = false;
    await world.ok('clients.payment', { clientId: alice.id, amount: '5' });
    expect(await push()).toMatchObject({ pending: 2, failed: 0, configured: true });
    expect(await items()).toMatchObject([{ method: 'signupClient', state: 'pending', attempts: 1, lastError: { status: 'network' } }, { method: 'addPayment', attempts: 0 }]);
    fake.online = true;
    expect(await push()).toMatchObject({ pending: 0, failed: 0 });
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'addPayment']);
  });

  it('a sub account waits for its package to be linked; its DID waits for it', async () => {
    const { pkg } = await aliceWithTelephony(false);
    expect(await push()).toMatchObject({ pending: 2, failed: 0 });
    const waiting = await items();
    expect(waiting.map((item) => [item.method, item.lastError?.status])).toEqual([
      ['createSubAccount', 'waiting'],
      ['connectDID', 'waiting'],
    ]);
    expect(waiting[0]!.lastError!.message).toBe("Waits for package Basic to be linked to one of the provider's packages");
    expect(fake.calls.map((call) => call.method)).not.toContain('createSubAccount');
    await world.store.db.updateTable('packages').set({ provider_id: '92364' }).where('id', '=', pkg).execute();
    expect(await push()).toMatchObject({ pending: 0, failed: 0 });
    expect(fake.applied().map((call) => call.method).slice(-2)).toEqual(['createSubAccount', 'connectDID']);
  });

  it('a permanent error stops its item and the later items of that entity only; retry and discard', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    const bob = await world.ok<{ id: number }>('clients.create', bobInput);
    await world.ok('clients.payment', { clientId: bob.id, amount: '7' });
    await world.ok('clients.payment', { clientId: alice.id, amount: '9' });
    fake.failNext('signupClient', { kind: 'permanent', status: 'invalid_email' }, (params) => params.email === 'bob@example.com');
    expect(await push()).toMatchObject({ pending: 1, failed: 1 });
    expect(fake.applied().map((call) => `${call.method}:${call.params.email ?? call.params.payment}`)).toEqual(['signupClient:alice@example.com', 'addPayment:9.00']);
    const [failed, held] = await items();
    expect(failed).toMatchObject({ method: 'signupClient', state: 'failed', lastError: { status: 'invalid_email', message: 'This is not a valid email or email is already in database' }, blockedBy: null });
    expect(held).toMatchObject({ method: 'addPayment', state: 'pending', attempts: 0, blockedBy: failed!.id });
    expect(await world.ok('sync.status')).toMatchObject({ pending: 1, failed: 1 });
    // A held item is sent after the failed one, never before.
    expect(await push()).toMatchObject({ pending: 1, failed: 1 });
    expect(fake.calls.filter((call) => call.method === 'signupClient')).toHaveLength(2);

    expect((await world.call('sync.retry', { id: held!.id })).ok).toBe(false);
    expect(await world.ok('sync.retry', { id: failed!.id })).toMatchObject({ state: 'pending' });
    expect(await push()).toMatchObject({ pending: 0, failed: 0 });
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'addPayment', 'signupClient', 'addPayment']);

    // Discard: the provider never hears of the change; the next one of the entity goes.
    await world.ok('clients.update', { id: bob.id, city: 'Quebec' });
    await world.ok('clients.charge', { clientId: bob.id, amount: '1' });
    fake.failNext('setClient', { kind: 'permanent', status: 'invalid_country' });
    await push();
    const [refused] = await items('failed');
    expect(refused).toMatchObject({ method: 'setClient', lastError: { status: 'invalid_country' } });
    expect(await world.ok('sync.discard', { id: refused!.id })).toMatchObject({ state: 'done', lastError: { status: 'discarded' } });
    expect(await push()).toMatchObject({ pending: 0, failed: 0 });
    expect(fake.applied().map((call) => call.method).slice(-1)).toEqual(['addCharge']);
    expect(fake.applied('setClient')).toEqual([]);
  });

  it('backs off with jitter on transient errors, without sleeping: the worker arms its timer and sends when it fires', async () => {
    const timers: { run: () => void; ms: number }[] = [];
    const worker = createPushWorker({
      store: world.store,
      provider: () => fake,
      events: world.events,
      now: () => world.clock.now,
      random: () => 0.25,
      setTimeout: (run, ms) => {
        timers.push({ run, ms });
        return timers.length;
      },
      clearTimeout: () => undefined,
      log: () => undefined,
    });
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    await world.ok('clients.payment', { clientId: alice.id, amount: '5' });
    fake.failNext('signupClient', { kind: 'transient', status: 'api_limit_exceeded' });
    fake.failNext('signupClient', { kind: 'transient', status: 'method_maintenance' });
    worker.start();
    await worker.idle();
    const first = backoffDelay(1, 0.25);
    expect(first).toBeGreaterThanOrEqual(2_500);
    expect(first).toBeLessThan(5_000);
    const [firstTry, behind] = await outboxRows(world.store);
    expect(firstTry).toMatchObject({ state: 'pending', attempts: 1, last_status: 'api_limit_exceeded', next_attempt_at: new Date(world.clock.now.getTime() + first).toISOString() });
    expect(behind).toMatchObject({ state: 'pending', attempts: 0 });
    expect(timers.at(-1)!.ms).toBe(first);

    // Firing early (the clock has not moved) sends nothing.
    timers.at(-1)!.run();
    await worker.idle();
    expect(fake.calls.filter((call) => call.method === 'signupClient')).toHaveLength(1);

    world.clock.now = new Date(world.clock.now.getTime() + first);
    timers.at(-1)!.run();
    await worker.idle();
    const second = backoffDelay(2, 0.25);
    expect(second).toBe(2 * first);
    const [secondTry] = await outboxRows(world.store);
    expect(secondTry).toMatchObject({ attempts: 2, last_status: 'method_maintenance', next_attempt_at: new Date(world.clock.now.getTime() + second).toISOString() });

    world.clock.now = new Date(world.clock.now.getTime() + second);
    timers.at(-1)!.run();
    await worker.idle();
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'addPayment']);
    // A change made while it runs is sent at once (data.changed wakes it).
    await world.ok('clients.charge', { clientId: alice.id, amount: '2' });
    world.events.emit('data.changed', { domains: ['ledger'] });
    await worker.idle();
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'addPayment', 'addCharge']);
    await worker.stop();
  });

  it('money with an unknown outcome is checked by its reference before it is sent again: nothing doubled, nothing lost', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    await world.ok('clients.payment', { clientId: alice.id, amount: '30' });
    await world.ok('clients.charge', { clientId: alice.id, amount: '12' });
    // The payment was applied, then the answer timed out; the charge timed out before it was applied.
    fake.failNext('addPayment', { kind: 'unknown', applied: true });
    fake.failNext('addCharge', { kind: 'unknown', applied: false });
    await push();
    expect((await outboxRows(world.store))[1]).toMatchObject({ method: 'addPayment', state: 'pending', verify_first: 1, last_status: 'timeout' });
    await push();
    await push();
    const client = [...fake.clients.keys()][0]!;
    expect(fake.deposits.get(client)!.map((entry) => entry.amount)).toEqual(['30.00']);
    expect(fake.charges.get(client)!.map((entry) => entry.amount)).toEqual(['12.00']);
    expect(fake.calls.map((call) => call.method)).toEqual(['signupClient', 'addPayment', 'getDeposits', 'addCharge', 'getCharges', 'addCharge']);
    expect(await world.ok('sync.status')).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a DID connect or unconnect with an unknown outcome is checked on the DID before it is sent again (connectDID charges the setup fee each time)', async () => {
    await aliceWithTelephony();
    fake.failNext('connectDID', { kind: 'unknown', applied: true });
    await push();
    expect((await outboxRows(world.store)).find((row) => row.method === 'connectDID')).toMatchObject({ state: 'pending', verify_first: 1 });
    await push();
    expect(fake.applied('connectDID')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.method.includes('DID')).map((call) => call.method)).toEqual(['connectDID', 'getDIDsInfo']);

    const [assignment] = await world.store.db.selectFrom('did_assignments').select('id').execute();
    await world.ok('dids.unassign', { id: assignment!.id });
    fake.failNext('unconnectDID', { kind: 'unknown', applied: true });
    await push();
    await push();
    expect(fake.dids.has('5145550101')).toBe(false);
    expect(fake.calls.filter((call) => call.method.includes('DID')).map((call) => call.method)).toEqual(['connectDID', 'getDIDsInfo', 'unconnectDID', 'getDIDsInfo']);
    expect(await world.ok('sync.status')).toMatchObject({ pending: 0, failed: 0 });
  });

  it('a restart in the middle: the item left "sending" and the pending ones resume, nothing sent twice', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    await push();
    await world.ok('clients.charge', { clientId: alice.id, amount: '8' });
    await world.ok('clients.payment', { clientId: alice.id, amount: '20' });
    await world.ok('subaccounts.create', { username: 'desk' });
    // The process dies while addCharge is on the wire, after the provider applied it: the call never answers.
    let reached!: () => void;
    const onTheWire = new Promise<void>((resolve) => (reached = resolve));
    const dying: Provider = {
      call: async (method: string, params?: ProviderParams) => {
        if (method !== 'addCharge') return fake.call(method, params);
        await fake.call(method, params);
        reached();
        return new Promise<never>(() => undefined);
      },
    };
    void pushDue(world.store, { provider: dying, now: () => world.clock.now });
    await onTheWire;
    expect((await outboxRows(world.store)).map((row) => row.state)).toEqual(['done', 'sending', 'pending', 'pending']);

    await world.reopen();
    expect(await world.ok('sync.status')).toMatchObject({ pending: 3, failed: 0 });
    if (world.store.dialect === 'postgres') {
      // A team server: the claim of the store opened before (another instance) holds until its lease ends; the sub account is another entity.
      expect(await push()).toMatchObject({ pending: 2, failed: 0 });
      expect((await outboxRows(world.store)).map((row) => row.state)).toEqual(['done', 'sending', 'pending', 'done']);
      world.clock.now = new Date(world.clock.now.getTime() + PUSH_LEASE_MS);
    }
    expect(await push()).toMatchObject({ pending: 0, failed: 0 });
    const client = [...fake.clients.keys()][0]!;
    expect(fake.charges.get(client)!.map((entry) => entry.amount)).toEqual(['8.00']);
    expect(fake.deposits.get(client)!.map((entry) => entry.amount)).toEqual(['20.00']);
    expect(fake.applied().map((call) => call.method)).toEqual(
      world.store.dialect === 'postgres' ? ['signupClient', 'addCharge', 'createSubAccount', 'addPayment'] : ['signupClient', 'addCharge', 'addPayment', 'createSubAccount'],
    );
  });

  it("a client's delete waits for its sub accounts' changes", async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    const pkg = await world.ok<{ id: number }>('packages.create', basic);
    await world.store.db.updateTable('packages').set({ provider_id: '92364' }).where('id', '=', pkg.id).execute();
    const sub = await world.ok<{ id: number; clientPackageId: number }>('subaccounts.create', { username: 'alice', clientId: alice.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
    await world.ok('subaccounts.delete', { id: sub.id });
    await world.ok('clients.disconnectPackage', { id: sub.clientPackageId });
    await world.ok('clients.delete', { id: alice.id });
    fake.failNext('createSubAccount', { kind: 'transient' });
    expect(await push()).toMatchObject({ pending: 3 });
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient']);
    expect(await push()).toMatchObject({ pending: 0 });
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'createSubAccount', 'delSubAccount', 'delClient']);
  });

  // SQLite (one machine): the claimant's pid says whether it lives. A team server (PostgreSQL): the claim's lease, another instance's pid meaning nothing here.
  it('an item another live process is sending is left to it; one a dead process left is checked and sent', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    const bob = await world.ok<{ id: number }>('clients.create', bobInput);
    await world.ok('clients.payment', { clientId: alice.id, amount: '3' });
    await world.ok('clients.payment', { clientId: bob.id, amount: '4' });
    // The parent process (the test runner) is alive and is not this one.
    const leaseRunning = new Date(world.clock.now.getTime() + PUSH_LEASE_MS / 2).toISOString();
    const leaseEnded = new Date(world.clock.now.getTime() - 1).toISOString();
    await world.store.db.updateTable('outbox').set({ state: 'sending', claimed_by: process.ppid, next_attempt_at: leaseRunning }).where('method', '=', 'signupClient').where('entity_id', '=', alice.id).execute();
    await world.store.db.updateTable('outbox').set({ state: 'sending', claimed_by: 2 ** 22 + 12345, next_attempt_at: leaseEnded }).where('method', '=', 'signupClient').where('entity_id', '=', bob.id).execute();
    expect(await push()).toMatchObject({ pending: 2, failed: 0 });
    expect(fake.calls.map((call) => `${call.method}:${call.params.email ?? call.params.client}`)).toEqual(['getClients:bob@example.com', 'signupClient:bob@example.com', 'addPayment:' + [...fake.clients.keys()][0]]);
    expect((await outboxRows(world.store)).map((row) => row.state)).toEqual(['sending', 'done', 'pending', 'done']);
  });
});
