import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_STATES } from '../../main/sync/outbox';
import { aliceInput, bobInput, outboxRows, syncWorld, type SyncWorld } from '../helpers/syncWorld';
import { refuseRows } from '../helpers/refuseRows';

// Issue 12: each change the provider must know writes its outbox row in its own transaction.
let world: SyncWorld;
beforeEach(async () => {
  world = await syncWorld();
});
afterEach(() => world.cleanup());

const basic = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' };

describe('the outbox: rows written with their change, by the API names', () => {
  it('a client: signupClient, its threshold, the opening payment, setClient (every field), a charge, delClient', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', { ...aliceInput, lowBalanceThreshold: '10', lowBalanceEmail: 'billing@example.com', openingPayment: '25' });
    let rows = await outboxRows(world.store);
    expect(rows.map((row) => row.method)).toEqual(['signupClient', 'setClientThreshold', 'addPayment']);
    // The portal password is made when the client is first sent (a client that never is, the demo's, has none).
    const password = { $ref: 'portalPassword', id: alice.id };
    expect(rows[0]).toMatchObject({
      entity: 'client',
      entity_id: alice.id,
      state: 'pending',
      reference: null,
      params: {
        firstname: 'Alice',
        lastname: 'Martin',
        company: 'Acme',
        address: '1 Main St',
        city: 'Montreal',
        state: 'QC',
        country: 'CA',
        zip: 'H2X 1Y4',
        phone_number: '5145550100',
        email: 'alice@example.com',
        confirm_email: 'alice@example.com',
        password,
        confirm_password: password,
        activate: 1,
        balance_management: 1,
      },
    });
    // A provider id not known yet is a reference, resolved when the item is sent.
    expect(rows[1]!.params).toEqual({ client: { $ref: 'client', id: alice.id }, threshold: 10, email: 'billing@example.com' });
    const payment = rows[2]!;
    expect(payment.reference).toMatch(/^RC-\d+-[0-9a-f]{8}$/);
    expect(payment.params).toEqual({ client: { $ref: 'client', id: alice.id }, payment: '25.00', description: `Opening payment [${payment.reference}]` });

    // Notes are the console's own: nothing to send.
    await world.ok('clients.update', { id: alice.id, notes: 'VIP' });
    expect(await outboxRows(world.store)).toHaveLength(3);
    await world.ok('clients.update', { id: alice.id, balanceMode: 'soft', city: 'Laval', country: 'canada' });
    await world.ok('clients.charge', { clientId: alice.id, amount: '4.5', description: 'Porting' });
    // A reversed charge is given back at the provider too (the opposite call), with the reversal's own reference.
    const [charge] = (await world.ok<{ rows: { id: number }[] }>('clients.ledger', { clientId: alice.id, kind: 'charge' })).rows;
    await world.ok('clients.reverse', { entryId: charge!.id, reason: 'typo' });
    await world.ok('clients.delete', { id: alice.id });
    rows = await outboxRows(world.store);
    expect(rows.map((row) => row.method)).toEqual(['signupClient', 'setClientThreshold', 'addPayment', 'setClient', 'addCharge', 'addPayment', 'delClient']);
    expect(rows[5]!.params).toEqual({ client: { $ref: 'client', id: alice.id }, payment: '4.50', description: `Reversal of charge #${charge!.id}: typo [${rows[5]!.reference}]` });
    // setClient is a full replace: every field, the same portal password.
    expect(rows[3]!.params).toEqual({
      client: { $ref: 'client', id: alice.id },
      firstname: 'Alice',
      lastname: 'Martin',
      company: 'Acme',
      address: '1 Main St',
      city: 'Laval',
      state: 'QC',
      country: 'CA',
      zip: 'H2X 1Y4',
      phone_number: '5145550100',
      email: 'alice@example.com',
      balance_management: 2,
      password,
    });
    expect(rows[4]!.params).toEqual({ client: { $ref: 'client', id: alice.id }, charge: '4.50', description: `Porting [${rows[4]!.reference}]` });
    expect(rows[4]!.reference).not.toBe(payment.reference);
    expect(rows[6]!.params).toEqual({ client: { $ref: 'client', id: alice.id } });
  });

  it('a sub account and a DID: createSubAccount with the reseller fields together, setSubAccount, connectDID, unconnectDID, delSubAccount', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    const pkg = await world.ok<{ id: number }>('packages.create', basic);
    const sub = await world.ok<{ id: number; clientPackageId: number }>('subaccounts.create', {
      username: 'alice',
      password: 'secret123pass',
      clientId: alice.id,
      packageId: pkg.id,
      nextBillingDate: '2026-12-01',
      allowedCodecs: ['ulaw', 'g729'],
    });
    await world.ok('subaccounts.update', { id: sub.id, description: 'Front desk' });
    await world.ok('dids.add', { number: '+1 514 555 0101', description: '' });
    const [assignment] = await world.ok<{ id: number }[]>('dids.assign', { number: '15145550101', clientPackageId: sub.clientPackageId, minuteRate: '0.0125', monthlyFee: '3.5', setupFee: '1' });
    // New rates go to the provider as the same connection again, charging nothing.
    await world.ok('dids.update', { id: (await world.store.db.selectFrom('dids').select('id').executeTakeFirstOrThrow()).id, minuteRate: '0.02', monthlyFee: '4' });
    // The provider keeps a DID on a sub account: while the package has one, its sub account stays.
    const refused = await world.call('subaccounts.delete', { id: sub.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('+15145550101') } });
    await world.ok('dids.unassign', { id: assignment!.id });
    await world.ok('subaccounts.delete', { id: sub.id });
    const rows = (await outboxRows(world.store)).filter((row) => row.entity !== 'client');
    expect(rows.map((row) => `${row.entity}:${row.method}`)).toEqual(['subaccount:createSubAccount', 'subaccount:setSubAccount', 'did:connectDID', 'did:connectDID', 'did:unconnectDID', 'subaccount:delSubAccount']);
    expect(rows[0]!.params).toEqual({
      username: 'alice',
      protocol: 1,
      description: '',
      auth_type: 1,
      // Issue 14: the password stays sealed in its table; the item refers to it, opened when sent.
      password: { $ref: 'subaccountPassword', id: sub.id },
      ip: '',
      device_type: 2,
      callerid_number: '',
      canada_routing: 1,
      lock_international: 0,
      international_route: 1,
      music_on_hold: 'default',
      allowed_codecs: 'ulaw;g729',
      dtmf_mode: 'auto',
      nat: 'yes',
      reseller_client: { $ref: 'client', id: alice.id },
      reseller_package: { $ref: 'package', id: pkg.id },
    });
    expect(rows[1]!.params).toMatchObject({ id: { $ref: 'subaccount', id: sub.id }, description: 'Front desk', reseller_client: { $ref: 'client', id: alice.id } });
    expect(rows[1]!.params).not.toHaveProperty('username');
    expect(rows[2]!.params).toEqual({
      did: '5145550101',
      account: { $ref: 'packageAccount', id: sub.clientPackageId },
      monthly: '3.50',
      setup: '1.00',
      minute: '0.0125',
      next_billing: '2026-12-01',
      // The console bills the DID's month at the package's date: the provider does not charge one at connect.
      dont_charge_monthly: 1,
    });
    expect(rows[3]!.params).toEqual({
      did: '5145550101',
      account: { $ref: 'packageAccount', id: sub.clientPackageId },
      monthly: '4.00',
      setup: '1.00',
      minute: '0.02',
      next_billing: '2026-12-01',
      dont_charge_setup: 1,
      dont_charge_monthly: 1,
    });
    expect(rows[3]!.summary).toContain('rates');
    expect(rows[4]!.params).toEqual({ did: '5145550101' });
    expect(rows[5]!.params).toEqual({ id: { $ref: 'subaccount', id: sub.id } });
  });

  it('the outbox row is rolled back with its change, and the change with its row', async () => {
    // The change fails after its row was written: a client whose opening payment the ledger refuses.
    await refuseRows(world.store, 'refuse_13', { table: 'ledger_entries', event: 'insert', when: 'new.amount_micros = 13000000', message: 'refused' });
    const refused = await world.call('clients.create', { ...aliceInput, openingPayment: '13' });
    expect(refused.ok).toBe(false);
    expect(await world.store.db.selectFrom('clients').select('id').execute()).toEqual([]);
    expect(await outboxRows(world.store)).toEqual([]);

    // The row fails: the charge is not kept either.
    const bob = await world.ok<{ id: number }>('clients.create', bobInput);
    await refuseRows(world.store, 'refuse_charges', { table: 'outbox', event: 'insert', when: "new.method = 'addCharge'", message: 'outbox full' });
    expect((await world.call('clients.charge', { clientId: bob.id, amount: '2' })).ok).toBe(false);
    expect(await world.ok('clients.get', { id: bob.id })).toMatchObject({ balance: '0.000000' });
    expect(await world.store.db.selectFrom('ledger_entries').select('id').where('client_id', '=', bob.id).execute()).toEqual([]);
    expect((await outboxRows(world.store)).map((row) => row.method)).toEqual(['signupClient']);

    // A sub account refused for its username writes nothing either.
    await world.ok('subaccounts.create', { username: 'bob' });
    expect((await world.call('subaccounts.create', { username: 'BOB' })).ok).toBe(false);
    expect((await outboxRows(world.store)).map((row) => row.method)).toEqual(['signupClient', 'createSubAccount']);
  });

  it('the open items and their counts are read through the state index, not by scanning every change ever sent', async () => {
    const db = world.store.db;
    const openItems = db.selectFrom('outbox').selectAll().where('state', 'in', OPEN_STATES).orderBy('id').compile();
    const openCounts = db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).where('state', 'in', OPEN_STATES).groupBy('state').compile();
    const store = world.store;
    if (store.dialect === 'sqlite') {
      const plan = (query: { sql: string }) =>
        (store.sqlite.prepare(`explain query plan ${query.sql}`).all('pending', 'sending', 'failed') as { detail: string }[]).map((row) => row.detail).join('\n');
      expect(plan(openItems)).toMatch(/USING INDEX outbox_by_state \(state=\?\)/);
      expect(plan(openCounts)).toMatch(/USING COVERING INDEX outbox_by_state/);
      return;
    }
    // PostgreSQL's planner weighs the table's statistics: an outbox of thousands of changes sent and a few open.
    await sql`insert into outbox (entity, entity_id, client_id, method, params, summary, state, created_at)
      select 'client', n, null, 'setClient', '{}', 'sent', 'done', '2026-11-01T00:00:00.000Z' from generate_series(1, 20000) as n`.execute(db);
    await world.ok('clients.create', aliceInput);
    await sql`analyze outbox`.execute(db);
    const indexes = async (query: { sql: string; parameters: readonly unknown[] }) => {
      const result = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${sql.raw(query.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(query.parameters[Number(n) - 1])}'`))}`.execute(db);
      return [...JSON.stringify(result.rows).matchAll(/"Index Name":"(\w+)"/g)].map((match) => match[1]);
    };
    expect(await indexes(openItems)).toContain('outbox_by_state');
    expect(await indexes(openCounts)).toContain('outbox_by_state');
  });
});
