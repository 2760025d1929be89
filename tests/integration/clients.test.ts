import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../main/handlers/index';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// FIXED_NOW is 2026-11-25.
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => temp.table);

const alice = { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'hard' as const, company: 'Acme' };
const bob = { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' as const };
const basicPackage = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' };

async function client(data: Record<string, unknown> = alice): Promise<number> {
  return (await ok<{ id: number }>('clients.create', data)).id;
}
async function balanceOf(id: number): Promise<string> {
  return (await ok<{ balance: string }>('clients.get', { id })).balance;
}
async function statusOf(id: number): Promise<string> {
  return (await ok<{ status: string }>('clients.get', { id })).status;
}
async function ledgerSum(id: number): Promise<number> {
  const row = await sql<{ total: number }>`select coalesce(sum(amount_micros), 0) as total from ledger_entries where client_id = ${id}`.execute(temp.store.db);
  return Number(row.rows[0]!.total);
}
async function counts() {
  const tables = ['clients', 'client_packages', 'dids', 'did_assignments', 'subaccounts', 'ledger_entries'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await temp.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe('clients', () => {
  it('creates, edits, searches, sorts and filters clients', async () => {
    const a = await client();
    const b = await client(bob);
    await ok('clients.payment', { clientId: b, amount: '50' });
    await ok('clients.update', { id: a, phone: '+1 514 555 0100', notes: 'VIP' });
    expect(await ok('clients.get', { id: a })).toMatchObject({ phone: '+1 514 555 0100', notes: 'VIP', company: 'Acme', name: 'Alice Martin (Acme)' });
    expect((await ok<{ name: string }[]>('clients.list', { search: 'acme' })).map((c) => c.name)).toEqual(['Alice Martin (Acme)']);
    expect((await ok<{ id: number }[]>('clients.list', { sort: 'balance', direction: 'desc' })).map((c) => c.id)).toEqual([b, a]);
    expect((await ok<{ id: number }[]>('clients.list', { status: 'suspended' })).map((c) => c.id)).toEqual([a]);
    expect(await ok<unknown[]>('clients.list', { search: '100%_' })).toEqual([]);
  });

  it('finds clients whatever the accents and case of the search or the name', async () => {
    const valerie = await client({ ...alice, firstName: 'Valérie', lastName: 'Lefèvre', email: 'valerie@example.com', company: 'Société Générale' });
    const bjorn = await client({ ...bob, firstName: 'BJÖRN', lastName: 'Ødegård', email: 'bo@example.com' });
    const found = async (search: string) => (await ok<{ id: number }[]>('clients.list', { search })).map((c) => c.id);
    expect(await found('valerie')).toEqual([valerie]);
    expect(await found('LEFEVRE')).toEqual([valerie]);
    expect(await found('société')).toEqual([valerie]);
    expect(await found('bjorn')).toEqual([bjorn]);
    expect(await found('odegard')).toEqual([bjorn]);
    expect(await found('Öde')).toEqual([bjorn]);
    // An edit keeps the search text with the name.
    await ok('clients.update', { id: bjorn, firstName: 'Åsa' });
    expect(await found('asa')).toEqual([bjorn]);
    expect(await found('bjorn')).toEqual([]);
  });

  it('a new client may start with an opening payment: posted with it, so a HARD client starts active', async () => {
    const created = await ok<{ id: number; balance: string; status: string }>('clients.create', { ...alice, openingPayment: '50' });
    expect(created).toMatchObject({ balance: '50.000000', status: 'active' });
    expect(await ledgerSum(created.id)).toBe(50_000_000);
    const { ledger } = await ok<{ ledger: { kind: string; description: string; amount: string }[] }>('clients.manage', { id: created.id });
    expect(ledger).toMatchObject([{ kind: 'Payment', description: 'Opening payment', amount: '50.000000' }]);
    // Without one, a HARD client starts suspended (balance 0), as before.
    expect(await ok<{ status: string }>('clients.create', { ...alice, email: 'a2@example.com' })).toMatchObject({ status: 'suspended' });
    // A refused opening payment creates no client.
    const before = await counts();
    expect(await call('clients.create', { ...alice, email: 'a3@example.com', openingPayment: '-5' })).toMatchObject({ ok: false, error: { issues: [{ path: 'openingPayment' }] } });
    expect(await call('clients.create', { ...alice, email: 'a3@example.com', openingPayment: '2000000' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await counts()).toEqual(before);
    // An edit takes no opening payment.
    expect(await call('clients.update', { id: created.id, openingPayment: '5' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('lists closed clients under status "all", and leaves them out of the open list', async () => {
    const a = await client();
    const b = await client(bob);
    await ok('clients.delete', { id: b });
    const ids = async (input?: unknown) => (await ok<{ id: number }[]>('clients.list', input)).map((c) => c.id).sort();
    expect(await ids({ status: 'all' })).toEqual([a, b].sort());
    expect(await ids({ status: 'open' })).toEqual([a]);
    expect(await ids()).toEqual([a]);
    expect(await ids({ status: 'closed' })).toEqual([b]);
  });

  it.each([
    ['an invalid e-mail', { ...alice, email: 'not-an-email' }, 'email'],
    ['a missing last name', { ...alice, lastName: ' ' }, 'lastName'],
    ['an unknown balance mode', { ...alice, balanceMode: 'medium' }, 'balanceMode'],
    ['a threshold "abc"', { ...alice, lowBalanceThreshold: 'abc' }, 'lowBalanceThreshold'],
    ['a notification e-mail without @', { ...alice, lowBalanceEmail: 'nope' }, 'lowBalanceEmail'],
  ])('refuses %s with a field error', async (_name, input, path) => {
    const result = await call('clients.create', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.issues?.map((issue) => issue.path)).toContain(path);
      // A person-readable reason, never zod's generic "Invalid input".
      expect(result.error.message).not.toMatch(/Invalid input/);
    }
    expect((await counts()).clients).toBe(0);
  });

  it('refuses a duplicate e-mail, any case', async () => {
    await client();
    const result = await call('clients.create', { ...bob, email: 'ALICE@example.com' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'email' }] } });
    expect((await counts()).clients).toBe(1);
  });
});

describe('balances: HARD and SOFT', () => {
  it('HARD: suspended at zero or below, active again when a payment brings it above zero', async () => {
    const a = await client();
    expect(await statusOf(a)).toBe('suspended'); // a new HARD client has 0
    await ok('clients.payment', { clientId: a, amount: '20' });
    expect(await statusOf(a)).toBe('active');
    await ok('clients.charge', { clientId: a, amount: '20' });
    expect(await statusOf(a)).toBe('suspended'); // exactly 0
    await ok('clients.payment', { clientId: a, amount: '0.000001' });
    expect(await statusOf(a)).toBe('active');
    await ok('clients.charge', { clientId: a, amount: '5' });
    expect(await balanceOf(a)).toBe('-4.999999');
    expect(await statusOf(a)).toBe('suspended');
    const notices = await ok<{ kind: string }[]>('notices.list', { clientId: a });
    expect(notices.map((notice) => notice.kind)).toEqual(['suspended', 'reactivated', 'suspended', 'reactivated']);
  });

  it('SOFT: never suspended; the low-balance threshold raises one notice per crossing', async () => {
    const b = await client({ ...bob, lowBalanceThreshold: '10' });
    await ok('clients.payment', { clientId: b, amount: '15' });
    await ok('clients.charge', { clientId: b, amount: '8' });
    await ok('clients.charge', { clientId: b, amount: '100' });
    expect(await statusOf(b)).toBe('active');
    expect(await ok('clients.get', { id: b })).toMatchObject({ balance: '-93.000000', belowThreshold: true });
    const notices = await ok<{ kind: string; message: string }[]>('notices.list', { clientId: b });
    expect(notices.filter((notice) => notice.kind === 'low_balance')).toHaveLength(1);
    expect(notices[0]!.message).toContain('($7.00) fell below the low-balance threshold of $10.00');
  });

  it.each([
    ['"abc"', 'abc', 'not a number'],
    ['a negative amount', '-5', 'more than zero'],
    ['zero', '0', 'more than zero'],
    ['a comma decimal', '5,00', 'decimal separator'],
  ])('refuses a payment of %s and changes nothing', async (_name, amount, message) => {
    const a = await client();
    const result = await call('clients.payment', { clientId: a, amount });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'amount' }] } });
    if (!result.ok) expect(result.error.message).toContain(message);
    expect((await counts()).ledger_entries).toBe(0);
  });

  it('counts a reversed charge for nothing in "spent this month", nor its reversal', async () => {
    const a = await client(bob);
    const spent = async () => (await ok<{ thisMonthSpend: string }>('clients.manage', { id: a })).thisMonthSpend;
    const [mistake] = await ok<{ id: number }[]>('clients.charge', { clientId: a, amount: '25.00', description: 'wrong client' });
    await ok('clients.charge', { clientId: a, amount: '4.50', description: 'setup' });
    expect(await spent()).toBe('29.500000');
    await ok('clients.reverse', { entryId: mistake!.id, reason: 'wrong client' });
    expect(await spent()).toBe('4.500000');
    // A reversed payment is no spending either.
    const [payment] = await ok<{ id: number }[]>('clients.payment', { clientId: a, amount: '10' });
    await ok('clients.reverse', { entryId: payment!.id });
    expect(await spent()).toBe('4.500000');
    expect(await ledgerSum(a)).toBe(-4_500_000);
  });

  it('reverses a mistaken payment with a new entry, once, and keeps the original', async () => {
    const a = await client();
    const ledger = await ok<{ id: number }[]>('clients.payment', { clientId: a, amount: '100' });
    const reversed = await ok<{ kind: string; amount: string; runningBalance: string; reversedBy: number | null }[]>('clients.reverse', {
      entryId: ledger[0]!.id,
      reason: 'typo',
    });
    expect(reversed.map((entry) => [entry.kind, entry.amount, entry.runningBalance])).toEqual([
      ['Reversal', '-100.000000', '0.000000'],
      ['Payment', '100.000000', '100.000000'],
    ]);
    expect(reversed[1]!.reversedBy).toBe(reversed.length === 2 ? ledger[0]!.id + 1 : null);
    expect(await call('clients.reverse', { entryId: ledger[0]!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await statusOf(a)).toBe('suspended');
  });

  it('the ledger refuses UPDATE and DELETE at the database level', async () => {
    const a = await client();
    await ok('clients.payment', { clientId: a, amount: '1' });
    await expect(sql`update ledger_entries set amount_micros = 5`.execute(temp.store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries`.execute(temp.store.db)).rejects.toThrow(/append-only/);
  });

  it('property: for any sequence of payments, charges and reversals, balance = sum of ledger and the status follows the rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'soft' | 'hard'>('soft', 'hard'),
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('payment' as const), cents: fc.integer({ min: 1, max: 100_000 }) }),
            fc.record({ op: fc.constant('charge' as const), cents: fc.integer({ min: 1, max: 100_000 }) }),
            fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
          ),
          { maxLength: 25 },
        ),
        async (mode, operations) => {
          const id = await client({ ...alice, email: `p${Math.random().toString(36).slice(2)}@example.com`, balanceMode: mode });
          let expected = 0;
          const reversible: { id: number; micros: number }[] = [];
          for (const operation of operations) {
            if (operation.op === 'reverse') {
              if (reversible.length === 0) continue;
              const [entry] = reversible.splice(operation.pick % reversible.length, 1);
              await ok('clients.reverse', { entryId: entry!.id });
              expected -= entry!.micros;
              continue;
            }
            const amount = `${Math.floor(operation.cents / 100)}.${String(operation.cents % 100).padStart(2, '0')}`;
            const ledger = await ok<{ id: number }[]>(`clients.${operation.op}`, { clientId: id, amount });
            const micros = operation.cents * 10_000 * (operation.op === 'payment' ? 1 : -1);
            expected += micros;
            reversible.push({ id: ledger[0]!.id, micros });
          }
          const view = await ok<{ balance: string; status: string }>('clients.get', { id });
          expect(await ledgerSum(id)).toBe(expected);
          expect(Math.round(Number(view.balance) * 1e6)).toBe(expected);
          expect(view.status).toBe(mode === 'hard' && expected <= 0 ? 'suspended' : 'active');
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('packages, DIDs and sub accounts of a client', () => {
  async function setup() {
    const a = await client();
    const pkg = await ok<{ id: number }>('packages.create', basicPackage);
    return { a, packageId: pkg.id };
  }

  it('connects a package with "charge setup fee now" and refuses a billing date in the past', async () => {
    const { a, packageId } = await setup();
    const past = await call('clients.connectPackage', { clientId: a, packageId, nextBillingDate: '2026-11-24', chargeSetupNow: true });
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'nextBillingDate' }] } });
    expect((await counts()).client_packages).toBe(0);
    const connected = await ok<{ setupFeePending: boolean }[]>('clients.connectPackage', { clientId: a, packageId, nextBillingDate: '2026-12-01', chargeSetupNow: true });
    expect(connected[0]!.setupFeePending).toBe(false);
    expect(await balanceOf(a)).toBe('-5.000000');
  });

  it('assigns only inventory DIDs, one client at a time', async () => {
    const { a, packageId } = await setup();
    const b = await client(bob);
    const [cpA] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: a, packageId, nextBillingDate: '2026-12-01' });
    const [cpB] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: b, packageId, nextBillingDate: '2026-12-01' });
    const notOrdered = await call('dids.assign', { number: '+1 514 555 0101', clientPackageId: cpA!.id, minuteRate: '0.01', monthlyFee: '2' });
    expect(notOrdered).toMatchObject({ ok: false, error: { issues: [{ path: 'number' }] } });
    if (!notOrdered.ok) expect(notOrdered.error.message).toContain('order it');
    await ok('dids.add', { number: '5145550101' });
    expect(await call('dids.add', { number: '+15145550101' })).toMatchObject({ ok: false, error: { issues: [{ path: 'number' }] } });
    expect(await call('dids.add', { number: '12ab' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const assigned = await ok<{ number: string; minuteRate: string }[]>('dids.assign', { number: '514-555-0101', clientPackageId: cpA!.id, minuteRate: '0.01', monthlyFee: '2', setupFee: '1' });
    expect(assigned).toMatchObject([{ number: '15145550101', minuteRate: '0.01000000' }]);
    const before = await counts();
    const taken = await call('dids.assign', { number: '15145550101', clientPackageId: cpB!.id, minuteRate: '0.01', monthlyFee: '2' });
    expect(taken).toMatchObject({ ok: false, error: { issues: [{ path: 'number' }] } });
    if (!taken.ok) expect(taken.error.message).toContain('already assigned to Alice Martin');
    expect(await counts()).toEqual(before);
    expect(await balanceOf(a)).toBe('-1.000000'); // DID setup fee
  });

  it('imports DID inventory idempotently with line numbers for bad lines', async () => {
    const result = await ok('dids.import', { text: 'number,description\n+15145550101,Montreal main\n5145550102\nhello\n+15145550101\n' });
    expect(result).toEqual({ added: 2, alreadyThere: 0, rejected: [{ line: 4, reason: '"hello" is not a phone number' }] });
    expect(await ok('dids.import', { text: '5145550101\n5145550103' })).toMatchObject({ added: 1, alreadyThere: 1 });
  });

  it('lists DIDs with their rates, edits them, and removes only an unassigned number, keeping its history', async () => {
    const { a, packageId } = await setup();
    const [cp] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: a, packageId, nextBillingDate: '2026-12-01' });
    await ok('dids.import', { text: '5145550101,Main line\n5145550102' });
    await ok('dids.assign', { number: '5145550101', clientPackageId: cp!.id, minuteRate: '0.01', monthlyFee: '2' });
    type Did = { id: number; number: string; description: string; assignedTo: { clientName: string; packageName: string; minuteRate: string; monthlyFee: string } | null };
    const listed = await ok<Did[]>('dids.list');
    expect(listed.map((did) => [did.number, did.assignedTo])).toEqual([
      ['15145550101', { clientId: a, clientName: 'Alice Martin (Acme)', packageName: 'Basic', minuteRate: '0.01000000', monthlyFee: '2.000000' }],
      ['15145550102', null],
    ]);
    const [assigned, free] = listed;
    const edited = await ok<Did[]>('dids.update', { id: assigned!.id, description: 'Front desk', minuteRate: '0.015', monthlyFee: '3.50' });
    expect(edited[0]).toMatchObject({ description: 'Front desk', assignedTo: { minuteRate: '0.01500000', monthlyFee: '3.500000' } });
    // The client's own list of DIDs shows the same rates.
    const manage = await ok<{ dids: { number: string; minuteRate: string; monthlyFee: string }[] }>('clients.manage', { id: a });
    expect(manage.dids).toMatchObject([{ number: '15145550101', minuteRate: '0.01500000', monthlyFee: '3.500000' }]);
    const noRates = await call('dids.update', { id: free!.id, minuteRate: '0.02' });
    expect(noRates).toMatchObject({ ok: false, error: { issues: [{ path: 'minuteRate' }] } });
    expect(await call('dids.remove', { id: assigned!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await ok<Did[]>('dids.remove', { id: free!.id })).map((did) => did.number)).toEqual(['15145550101']);
    expect(await call('dids.remove', { id: free!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // A removed number cannot be assigned; added again, it is back.
    const gone = await call('dids.assign', { number: '5145550102', clientPackageId: cp!.id, minuteRate: '0.01', monthlyFee: '2' });
    expect(gone).toMatchObject({ ok: false, error: { issues: [{ path: 'number' }] } });
    expect(await ok('dids.import', { text: '5145550102' })).toMatchObject({ added: 1, alreadyThere: 0 });
    expect((await ok<Did[]>('dids.list')).map((did) => did.number)).toEqual(['15145550101', '15145550102']);
    await ok('dids.remove', { id: free!.id });
    await ok('dids.add', { number: '5145550102', description: 'Back' });
    expect((await ok<Did[]>('dids.list')).find((did) => did.id === free!.id)).toMatchObject({ description: 'Back', assignedTo: null });
  });

  it('creates a sub account with a generated password, connecting the package in the same step', async () => {
    const { a, packageId } = await setup();
    const created = await ok<{ account: string; password: string; packageName: string; clientPackageId: number }>('subaccounts.create', {
      username: 'alice1',
      clientId: a,
      packageId,
      nextBillingDate: '2026-12-25',
      chargeSetupNow: false,
      allowedCodecs: ['g729', 'ulaw'],
    });
    expect(created.account).toBe('100000_alice1');
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(created.packageName).toBe('Basic');
    expect(await ok('subaccounts.get', { id: 1 })).not.toHaveProperty('password');
    expect(await ok('subaccounts.revealPassword', { id: 1 })).toMatchObject({ password: created.password });
    const dup = await call('subaccounts.create', { username: 'ALICE1' });
    expect(dup).toMatchObject({ ok: false, error: { issues: [{ path: 'username' }] } });
    const badIp = await call('subaccounts.create', { username: 'pbx', authType: 2, ip: '999.1.1.1' });
    expect(badIp).toMatchObject({ ok: false, error: { issues: [{ path: 'ip' }] } });
    expect(await balanceOf(a)).toBe('0.000000'); // setup waits for the first cycle
  });

  it('an existing sub account gets a package later (Edit Sub Account >> Manage), and can be unbound', async () => {
    const { a, packageId } = await setup();
    const sub = await ok<{ id: number; clientId: number | null }>('subaccounts.create', { username: 'spare' });
    expect(sub.clientId).toBeNull();
    const missing = await call('subaccounts.update', { id: sub.id, clientId: a });
    expect(missing).toMatchObject({ ok: false, error: { issues: [{ path: 'packageId' }] } });
    const bound = await ok<{ clientId: number; packageName: string }>('subaccounts.update', { id: sub.id, clientId: a, packageId, nextBillingDate: '2026-12-05', chargeSetupNow: true });
    expect(bound).toMatchObject({ clientId: a, packageName: 'Basic' });
    expect(await balanceOf(a)).toBe('-5.000000');
    const unbound = await ok<{ clientId: number | null; clientPackageId: number | null }>('subaccounts.update', { id: sub.id, clientId: null });
    expect(unbound).toMatchObject({ clientId: null, clientPackageId: null });
  });

  it('delete is refused while anything is connected, naming it; after unconnecting, the client is closed and its history kept', async () => {
    const { a, packageId } = await setup();
    await ok('clients.payment', { clientId: a, amount: '30' });
    const sub = await ok<{ id: number; clientPackageId: number }>('subaccounts.create', { username: 'alice1', clientId: a, packageId, nextBillingDate: '2026-12-01', chargeSetupNow: true });
    await ok('dids.add', { number: '15145550101' });
    const [did] = await ok<{ id: number }[]>('dids.assign', { number: '15145550101', clientPackageId: sub.clientPackageId, minuteRate: '0.01', monthlyFee: '2' });
    const refused = await call('clients.delete', { id: a });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toContain('package "Basic"');
      expect(refused.error.message).toContain('DID +15145550101');
      expect(refused.error.message).toContain('sub account alice1');
    }
    const stillUsed = await call('clients.disconnectPackage', { id: sub.clientPackageId });
    expect(stillUsed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await ok('dids.unassign', { id: did!.id });
    await ok('subaccounts.delete', { id: sub.id });
    await ok('clients.disconnectPackage', { id: sub.clientPackageId });
    expect(await ok('clients.delete', { id: a })).toEqual({ id: a, status: 'closed' });
    expect(await statusOf(a)).toBe('closed');
    expect(await ledgerSum(a)).toBe(25_000_000);
    expect(await call('clients.payment', { clientId: a, amount: '1' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The package it used is archived, not deleted: the history refers to it.
    expect(await ok('packages.delete', { id: packageId })).toEqual({ id: packageId, archived: true });
  });

  it('a package connected to a client cannot be deleted; the message names the client', async () => {
    const { a, packageId } = await setup();
    await ok('clients.connectPackage', { clientId: a, packageId, nextBillingDate: '2026-12-01' });
    const result = await call('packages.delete', { id: packageId });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('Alice Martin (Acme)');
  });
});

describe('billing run', () => {
  async function connected(nextBillingDate: string, chargeSetupNow = false) {
    const a = await client();
    await ok('clients.payment', { clientId: a, amount: '100' });
    const pkg = await ok<{ id: number }>('packages.create', basicPackage);
    const [cp] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: a, packageId: pkg.id, nextBillingDate, chargeSetupNow });
    await ok('dids.add', { number: '15145550101' });
    await ok('dids.assign', { number: '15145550101', clientPackageId: cp!.id, minuteRate: '0.01', monthlyFee: '2.5' });
    return { a, cp: cp!.id };
  }

  it('charges the monthly fee, DID fees and a pending setup fee once per cycle, and twice-run charges nothing twice', async () => {
    const { a, cp } = await connected('2026-11-30');
    const first = await ok('billing.run', { date: '2026-11-30' });
    expect(first).toMatchObject({ cyclesClosed: 1, entriesWritten: 3, charged: '17.500000', clients: 1 });
    expect(await balanceOf(a)).toBe('82.500000');
    expect(await ok('billing.run', { date: '2026-11-30' })).toMatchObject({ cyclesClosed: 0, entriesWritten: 0, charged: '0.000000' });
    expect(await balanceOf(a)).toBe('82.500000');
    const manage = await ok<{ packages: { nextBillingDate: string; cycleStartDate: string; setupFeePending: boolean }[] }>('clients.manage', { id: a });
    expect(manage.packages[0]).toMatchObject({ nextBillingDate: '2026-12-30', cycleStartDate: '2026-11-30', setupFeePending: false });
    const periods = await temp.store.db.selectFrom('billing_periods').selectAll().where('client_package_id', '=', cp).execute();
    expect(periods.map((period) => [period.period_start, period.period_end])).toEqual([['2026-11-25', '2026-11-30']]);
  });

  it('bills each missed cycle once, in order, clamping month ends (Jan 31 → Feb 28 → Mar 31)', async () => {
    const { a } = await connected('2026-12-31', true);
    expect(await balanceOf(a)).toBe('95.000000'); // setup fee charged at connection
    // The app was closed for months: on 2027-03-31 four cycles are due, more than a run closes unasked.
    const later = channelCaller(() => createHandlerTable({ store: temp.store, host: 'headless', now: () => new Date('2027-03-31T12:00:00Z') }));
    const unconfirmed = await later.call('billing.run', { date: '2027-03-31' });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!unconfirmed.ok) expect(unconfirmed.error.message).toBe('This run closes 4 billing cycles for Alice Martin (Acme) (due since 2026-12-31). Confirm to bill every missed cycle.');
    expect(await balanceOf(a)).toBe('95.000000');
    const result = await later.ok('billing.run', { date: '2027-03-31', confirmManyCycles: true });
    expect(result).toMatchObject({ cyclesClosed: 4, entriesWritten: 8, charged: '50.000000' });
    const fees = await temp.store.db
      .selectFrom('ledger_entries')
      .select(['occurred_on', 'kind'])
      .where('kind', '=', 'monthly_fee')
      .orderBy('id')
      .execute();
    expect(fees.map((fee) => fee.occurred_on)).toEqual(['2026-12-31', '2027-01-31', '2027-02-28', '2027-03-31']);
    expect(await balanceOf(a)).toBe('45.000000');
  });

  it('a HARD client whose fees exhaust the balance is suspended by the run', async () => {
    const { a } = await connected('2026-12-01');
    await ok('clients.charge', { clientId: a, amount: '90' });
    expect(await statusOf(a)).toBe('active');
    await ok('billing.run', { date: '2026-12-01' });
    expect(await balanceOf(a)).toBe('-7.500000');
    expect(await statusOf(a)).toBe('suspended');
  });

  it('refuses a date more than a week ahead of today, before writing anything', async () => {
    const { a } = await connected('2026-11-30');
    const ledger = await temp.store.db.selectFrom('ledger_entries').select('id').execute();
    // FIXED_NOW is 2026-11-25: up to 2026-12-02 is accepted, a mistyped year is not.
    for (const date of ['2026-12-03', '2126-12-01']) {
      const result = await call('billing.run', { date, confirmManyCycles: true });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'date' }] } });
      if (!result.ok) expect(result.error.message).toBe(`Billing can run up to 2026-12-02, a week ahead at most; ${date} is later. Cycles are billed on their billing date.`);
    }
    expect(await temp.store.db.selectFrom('ledger_entries').select('id').execute()).toEqual(ledger);
    expect(await balanceOf(a)).toBe('100.000000');
    expect(await ok('billing.run', { date: '2026-12-02' })).toMatchObject({ cyclesClosed: 1 });
  });

  it('refuses a date that does not exist', async () => {
    expect(await call('billing.run', { date: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(FIXED_NOW.toISOString()).toContain('2026-11-25');
  });
});
