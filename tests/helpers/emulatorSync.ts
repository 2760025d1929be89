import { expect } from 'vitest';
import type { Emulator, EmulatorSeed } from '../fixtures/emulator';
import { conformanceProblems } from '../fixtures/emulator';
import type { SyncWorld } from './syncWorld';
import { aliceInput } from './syncWorld';

/** What the soak seeds at the provider and pulls first: two packages and 40 DIDs, so sub accounts carry a client's package and DIDs can be connected. */
export const SOAK_PROVIDER_SEED: EmulatorSeed = {
  packages: [
    { package: 92364, name: 'Basic', markup_percentage: '20', monthly_fee: '0.00', setup_fee: '0.00' },
    { package: 92365, name: 'Business', markup_fixed: '0.005', pulse: '6', monthly_fee: '0.00', setup_fee: '0.00' },
  ],
  dids: Array.from({ length: 40 }, (_, index) => ({ did: `51455501${String(index).padStart(2, '0')}` })),
};

/**
 * Local changes of every kind the soak makes, drawn from `random`: clients, payments, charges,
 * client edits, sub accounts (free, or under a client's package) made and deleted, DIDs
 * assigned (with a setup fee: charged on both sides), given new rates and unassigned. DIDs come into play
 * when the console has linked packages and DIDs (SOAK_PROVIDER_SEED, pulled first).
 */
export async function makeChanges(world: SyncWorld, random: () => number, count: number, pushEvery = 0): Promise<void> {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const db = world.store.db;
  // Every list in a defined order: the same seed makes the same changes on either store.
  const clients = (await db.selectFrom('clients').select('id').orderBy('id').execute()).map((row) => row.id);
  const subaccounts = (await db.selectFrom('subaccounts').select('id').where('deleted_at', 'is', null).orderBy('id').execute()).map((row) => row.id);
  const packages = (await db.selectFrom('packages').select('id').where('provider_id', 'is not', null).orderBy('id').execute()).map((row) => row.id);
  const numbers = (await db.selectFrom('dids').select('number').where('removed_at', 'is', null).orderBy('id').execute()).map((row) => row.number);
  const money = (whole: number): string => `${1 + Math.floor(random() * whole)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
  for (let step = 0; step < count; step += 1) {
    const roll = random();
    if (clients.length === 0 || roll < 0.1) {
      const n = clients.length + 1;
      clients.push((await world.ok<{ id: number }>('clients.create', { ...aliceInput, firstName: `C${n}`, email: `c${n}@example.com`, balanceMode: pick(['soft', 'hard'] as const) })).id);
    } else if (roll < 0.38) {
      await world.ok('clients.payment', { clientId: pick(clients), amount: money(50) });
    } else if (roll < 0.58) {
      await world.ok('clients.charge', { clientId: pick(clients), amount: `${1 + Math.floor(random() * 20)}.25` });
    } else if (roll < 0.66) {
      await world.ok('clients.update', { id: pick(clients), city: `City ${step}`, balanceMode: pick(['soft', 'hard'] as const) });
    } else if (roll < 0.78 || subaccounts.length === 0) {
      const username = `s${step}x${subaccounts.length}`;
      // Half of them under a client's package (the reseller fields go to the provider), when packages are linked.
      const owned = packages.length > 0 && random() < 0.5 ? { clientId: pick(clients), packageId: pick(packages), nextBillingDate: '2026-12-15' } : {};
      subaccounts.push((await world.ok<{ id: number }>('subaccounts.create', { username, ...owned })).id);
    } else if (roll < 0.84) {
      const index = Math.floor(random() * subaccounts.length);
      // Refused while its package has DIDs (the provider keeps a DID on a sub account): the refusal changes nothing.
      const deleted = await world.call('subaccounts.delete', { id: subaccounts[index]! });
      if (deleted.ok) subaccounts.splice(index, 1);
      else expect(deleted.error.code).toBe('conflict');
    } else if (roll < 0.94 && numbers.length > 0) {
      const free = await db
        .selectFrom('dids')
        .select('number')
        .where('removed_at', 'is', null)
        .where('id', 'not in', (eb) => eb.selectFrom('did_assignments').select('did_id').where('unassigned_at', 'is', null))
        .orderBy('id')
        .execute();
      const withAccount = await db
        .selectFrom('client_packages')
        .select('client_packages.id')
        .where('disconnected_at', 'is', null)
        .where('id', 'in', (eb) => eb.selectFrom('subaccounts').select('client_package_id').where('deleted_at', 'is', null).where('client_package_id', 'is not', null))
        .orderBy('id')
        .execute();
      if (free.length === 0 || withAccount.length === 0) continue;
      await world.ok('dids.assign', { number: pick(free).number, clientPackageId: pick(withAccount).id, minuteRate: '0.0125', monthlyFee: money(4), setupFee: pick(['0', '1.99', '4.50']) });
    } else if (numbers.length > 0) {
      const assigned = await db.selectFrom('did_assignments').select(['id', 'did_id']).where('unassigned_at', 'is', null).orderBy('did_id').execute();
      if (assigned.length === 0) continue;
      // Now and then new rates for a connected DID (connectDID again, charging nothing), else unassigned.
      if (roll < 0.97) await world.ok('dids.unassign', { id: pick(assigned).id });
      else await world.ok('dids.update', { id: pick(assigned).did_id, minuteRate: pick(['0.009', '0.0125', '0.02']), monthlyFee: money(4) });
    }
    // A push now and then, as the worker would, mid-way through the changes.
    if (pushEvery > 0 && random() < pushEvery) await world.ok('sync.push');
  }
}

/**
 * The emulator holds exactly what the console holds: the same clients (by provider id), every
 * payment and charge once with the same amounts in the same order, each DID's setup fee
 * charged once and no first month (the console bills it at the package's date), every
 * client's balance equal to the console's; the live sub accounts; each DID connected to a
 * sub account of its client with the console's fees, the others free; each money reference
 * once; every request it received named and formatted as methods.json says.
 */
export async function expectProviderMatches(world: SyncWorld, emulator: Emulator): Promise<void> {
  const state = emulator.snapshot();
  const db = world.store.db;
  const local = await db.selectFrom('clients').select(['id', 'provider_id', 'email', 'city', 'balance_micros']).orderBy('id').execute();
  expect(state.clients).toHaveLength(local.length);
  const money = (micros: number): string => (Math.abs(micros) / 1e6).toFixed(2);
  const referenced = (entry: { description: string }): boolean => /\[RC-[^\]]+\]/.test(entry.description);
  for (const client of local) {
    const there = state.clients.find((one) => String(one.client) === client.provider_id);
    expect(there).toMatchObject({ email: client.email, city: client.city });
    expect({ client: client.email, balance: there!.balanceMicros }).toEqual({ client: client.email, balance: client.balance_micros });
    const entries = await db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('client_id', '=', client.id).orderBy('id').execute();
    const amounts = (kind: 'payment' | 'charge' | 'did_setup_fee') => entries.filter((entry) => entry.kind === kind).map((entry) => money(entry.amount_micros));
    const at = (list: typeof state.deposits) => list.filter((entry) => String(entry.client) === client.provider_id);
    expect(at(state.deposits).map((entry) => money(entry.amountMicros))).toEqual(amounts('payment'));
    expect(at(state.charges).filter(referenced).map((entry) => money(entry.amountMicros))).toEqual(amounts('charge'));
    const didSetups = at(state.charges).filter((entry) => !referenced(entry));
    expect(didSetups.every((entry) => entry.description.startsWith('DID setup '))).toBe(true);
    expect(didSetups.map((entry) => money(entry.amountMicros)).sort()).toEqual(amounts('did_setup_fee').sort());
  }
  const live = await db.selectFrom('subaccounts').select('username').where('deleted_at', 'is', null).execute();
  expect(state.subaccounts.map((account) => account.username).sort()).toEqual(live.map((row) => row.username).sort());

  const assignments = await db
    .selectFrom('did_assignments')
    .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
    .innerJoin('clients', 'clients.id', 'did_assignments.client_id')
    .innerJoin('client_packages', 'client_packages.id', 'did_assignments.client_package_id')
    .select(['dids.number', 'clients.provider_id', 'did_assignments.monthly_fee_micros', 'did_assignments.setup_fee_micros', 'did_assignments.minute_rate_e8', 'client_packages.next_billing_date'])
    .where('did_assignments.unassigned_at', 'is', null)
    .execute();
  const eight = (units: number, scale: number): string => `${Math.floor(units / scale)}.${String(units % scale).padStart(String(scale).length - 1, '0').padEnd(8, '0')}`;
  const clientOfAccount = new Map(state.subaccounts.map((account) => [account.account, account.fields.reseller_client ?? '']));
  const expected = state.dids.map((did) => {
    const assignment = assignments.find((one) => one.number === `1${did.did}`);
    if (!assignment) return { did: did.did, client: '', monthly: '0.00000000', setup: '0.00000000', minute: '0.00000000' };
    return { did: did.did, client: assignment.provider_id, monthly: eight(assignment.monthly_fee_micros, 1e6), setup: eight(assignment.setup_fee_micros, 1e6), minute: eight(assignment.minute_rate_e8, 1e8), nextBilling: assignment.next_billing_date };
  });
  const actual = state.dids.map((did) => {
    const base = { did: did.did, client: did.reseller_account === '' ? '' : (clientOfAccount.get(did.reseller_account) ?? `(no sub account ${did.reseller_account})`), monthly: did.reseller_monthly, setup: did.reseller_setup, minute: did.reseller_minute };
    return did.reseller_account === '' ? base : { ...base, nextBilling: did.reseller_next_billing };
  });
  expect(actual).toEqual(expected);
  expect(assignments.filter((one) => !state.dids.some((did) => `1${did.did}` === one.number))).toEqual([]);

  const references = [...state.deposits, ...state.charges.filter(referenced)].map((entry) => entry.description.match(/\[(RC-[^\]]+)\]/)?.[1]);
  expect(references.every((reference) => reference !== undefined)).toBe(true);
  expect(new Set(references).size).toBe(references.length);
  expect(conformanceProblems(emulator.requests())).toEqual([]);
}
