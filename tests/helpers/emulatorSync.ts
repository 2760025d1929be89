import { expect } from 'vitest';
import type { Emulator } from '../fixtures/emulator';
import { conformanceProblems } from '../fixtures/emulator';
import type { SyncWorld } from './syncWorld';
import { aliceInput } from './syncWorld';

/** Local changes of every kind the soak makes (clients, payments, charges, client edits, sub accounts made and deleted), drawn from `random`. */
export async function makeChanges(world: SyncWorld, random: () => number, count: number, pushEvery = 0): Promise<void> {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const clients = (await world.store.db.selectFrom('clients').select('id').execute()).map((row) => row.id);
  const subaccounts = (await world.store.db.selectFrom('subaccounts').select('id').where('deleted_at', 'is', null).execute()).map((row) => row.id);
  for (let step = 0; step < count; step += 1) {
    const roll = random();
    if (clients.length === 0 || roll < 0.12) {
      const n = clients.length + 1;
      clients.push((await world.ok<{ id: number }>('clients.create', { ...aliceInput, firstName: `C${n}`, email: `c${n}@example.com`, balanceMode: pick(['soft', 'hard'] as const) })).id);
    } else if (roll < 0.45) {
      await world.ok('clients.payment', { clientId: pick(clients), amount: `${1 + Math.floor(random() * 50)}.${String(Math.floor(random() * 100)).padStart(2, '0')}` });
    } else if (roll < 0.7) {
      await world.ok('clients.charge', { clientId: pick(clients), amount: `${1 + Math.floor(random() * 20)}.25` });
    } else if (roll < 0.8) {
      await world.ok('clients.update', { id: pick(clients), city: `City ${step}`, balanceMode: pick(['soft', 'hard'] as const) });
    } else if (roll < 0.92 || subaccounts.length === 0) {
      subaccounts.push((await world.ok<{ id: number }>('subaccounts.create', { username: `s${step}x${subaccounts.length}` })).id);
    } else {
      const index = Math.floor(random() * subaccounts.length);
      await world.ok('subaccounts.delete', { id: subaccounts[index]! });
      subaccounts.splice(index, 1);
    }
    // A push now and then, as the worker would, mid-way through the changes.
    if (pushEvery > 0 && random() < pushEvery) await world.ok('sync.push');
  }
}

/**
 * The emulator holds exactly what the console holds: the same clients (by provider id), every
 * payment and charge once with the same amounts in the same order, the live sub accounts; each
 * money reference once; every request it received named and formatted as methods.json says.
 */
export async function expectProviderMatches(world: SyncWorld, emulator: Emulator): Promise<void> {
  const state = emulator.snapshot();
  const local = await world.store.db.selectFrom('clients').select(['id', 'provider_id', 'email', 'city']).orderBy('id').execute();
  expect(state.clients).toHaveLength(local.length);
  const money = (micros: number): string => (Math.abs(micros) / 1e6).toFixed(2);
  for (const client of local) {
    expect(state.clients.find((one) => String(one.client) === client.provider_id)).toMatchObject({ email: client.email, city: client.city });
    const entries = await world.store.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('client_id', '=', client.id).orderBy('id').execute();
    const amounts = (kind: 'payment' | 'charge') => entries.filter((entry) => entry.kind === kind).map((entry) => money(entry.amount_micros));
    const at = (list: typeof state.deposits) => list.filter((entry) => String(entry.client) === client.provider_id).map((entry) => money(entry.amountMicros));
    expect(at(state.deposits)).toEqual(amounts('payment'));
    expect(at(state.charges)).toEqual(amounts('charge'));
  }
  const live = await world.store.db.selectFrom('subaccounts').select('username').where('deleted_at', 'is', null).execute();
  expect(state.subaccounts.map((account) => account.username).sort()).toEqual(live.map((row) => row.username).sort());
  const references = [...state.deposits, ...state.charges].map((entry) => entry.description.match(/\[(RC-[^\]]+)\]/)?.[1]);
  expect(references.every((reference) => reference !== undefined)).toBe(true);
  expect(new Set(references).size).toBe(references.length);
  expect(conformanceProblems(emulator.requests())).toEqual([]);
}
