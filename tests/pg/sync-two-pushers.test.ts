import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/open';
import type { Provider } from '../../main/sync/provider';
import { pushDue, type PushResult } from '../../main/sync/pushWorker';
import { seededRandom } from '../fixtures/emulator';
import { OutboxFakeProvider, type Fault } from '../helpers/outboxFakeProvider';
import { aliceInput, outboxRows, syncWorld, type SyncWorld } from '../helpers/syncWorld';

/**
 * Issue 16, team mode: two instances (two pools, as two machines would have) push one outbox
 * to the provider at the same time. Each change reaches the provider exactly once, and the
 * changes of one client in the order they were made (the claim: FOR UPDATE SKIP LOCKED, the
 * entity's earlier items re-checked in the claim statement), with faults on the way.
 */
let world: SyncWorld;
let fake: OutboxFakeProvider;
beforeEach(async () => {
  world = await syncWorld();
  fake = new OutboxFakeProvider();
});
afterEach(() => world.cleanup());

interface Meeting {
  /** Settles once this instance has a call on the wire. */
  arrived: Promise<void>;
  arrive(): void;
}

function meeting(): Meeting {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return { arrived, arrive };
}

/**
 * The fake, as one instance reaches it: its calls counted, and its first call held on the wire
 * until the other instance has one on the wire too (or has finished), so the two are seen
 * sending at the same time, whatever the machine's speed.
 */
function instanceProvider(name: string, sentBy: Map<string, number>, inFlight: { now: number; most: number }, own: Meeting, other: Meeting): Provider {
  return {
    call: async (method, params) => {
      inFlight.now += 1;
      inFlight.most = Math.max(inFlight.most, inFlight.now);
      try {
        own.arrive();
        await other.arrived;
        const reply = await fake.call(method, params);
        if (!method.startsWith('get')) sentBy.set(name, (sentBy.get(name) ?? 0) + 1);
        return reply;
      } finally {
        inFlight.now -= 1;
      }
    },
  };
}

/** Passes of one instance until nothing is left to send (the other instance may send the last); what failed is checked after. */
async function drain(store: Store, provider: Provider): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (let pass = 0; pass < 200; pass += 1) {
    results.push(await pushDue(store, { provider, now: () => world.clock.now, ignoreBackoff: true }));
    const open = await store.db.selectFrom('outbox').select('id').where('state', 'in', ['pending', 'sending']).limit(1).execute();
    if (open.length === 0) return results;
  }
  throw new Error('the outbox did not drain in 200 passes');
}

describe('two instances pushing one outbox at once', () => {
  it.each([
    { seed: 1, faults: false },
    { seed: 2, faults: true },
    { seed: 3, faults: true },
  ])('seed $seed, faults $faults: every change reaches the provider once, each client\'s in order', async ({ seed, faults }) => {
    const random = seededRandom(seed);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const clients: number[] = [];
    for (let n = 1; n <= 12; n += 1) {
      clients.push((await world.ok<{ id: number }>('clients.create', { ...aliceInput, firstName: `C${n}`, email: `c${n}@example.com` })).id);
    }
    for (let step = 0; step < 120; step += 1) {
      const roll = random();
      const clientId = pick(clients);
      if (roll < 0.4) await world.ok('clients.payment', { clientId, amount: `${1 + Math.floor(random() * 40)}.${Math.floor(random() * 90) + 10}` });
      else if (roll < 0.7) await world.ok('clients.charge', { clientId, amount: `${1 + Math.floor(random() * 9)}.25` });
      else if (roll < 0.9) await world.ok('clients.update', { id: clientId, city: `City ${step}` });
      else await world.ok('subaccounts.create', { username: `s${step}` });
    }
    const items = await outboxRows(world.store);
    // A transient failure or a timeout (applied or not) on one call in ten: retries and checks by reference interleave too.
    const FAULTS: Fault[] = [{ kind: 'transient' }, { kind: 'unknown', applied: true }, { kind: 'unknown', applied: false }];
    if (faults) fake.randomFault = () => (random() < 0.1 ? pick(FAULTS) : null);

    const second = await world.another();
    const sentBy = new Map<string, number>();
    const inFlight = { now: 0, most: 0 };
    const meetings = [meeting(), meeting()] as const;
    // An instance that finishes without a call frees the other (the check below then fails: it never sent).
    const run = (store: Store, name: string, own: Meeting, other: Meeting) => drain(store, instanceProvider(name, sentBy, inFlight, own, other)).finally(own.arrive);
    await Promise.all([run(world.store, 'first', meetings[0], meetings[1]), run(second, 'second', meetings[1], meetings[0])]);

    // Both sent, at the same time.
    expect(inFlight.most).toBe(2);
    expect(sentBy.get('first') ?? 0).toBeGreaterThan(0);
    expect(sentBy.get('second') ?? 0).toBeGreaterThan(0);
    const after = await outboxRows(world.store);
    expect(after.filter((row) => row.state !== 'done' || row.last_status !== 'success').map((row) => `${row.method} ${row.state}: ${row.last_message}`)).toEqual([]);

    // Exactly once: the writes the provider applied are the outbox's items, one each. Only an
    // update (setClient) whose answer was lost is sent again as it is (it sets the same fields);
    // a create or money is looked up first (delivery.ts), never sent twice.
    const appliedAll = fake.applied();
    const count = (methods: string[]) => methods.reduce((map, method) => map.set(method, (map.get(method) ?? 0) + 1), new Map<string, number>());
    const repeatable = (method: string) => method === 'setClient';
    if (!faults) expect(appliedAll).toHaveLength(items.length);
    expect(count(appliedAll.map((call) => call.method).filter((method) => !repeatable(method)))).toEqual(count(items.map((row) => row.method).filter((method) => !repeatable(method))));
    const applied = appliedAll;
    const references = [...fake.deposits.values(), ...fake.charges.values()].flat().map((entry) => entry.description.match(/\[(RC-[^\]]+)\]/)?.[1]);
    expect(references.every((reference) => reference !== undefined)).toBe(true);
    expect(new Set(references).size).toBe(items.filter((row) => row.reference !== null).length);

    // In order per client: the provider's calls of each client are its outbox items, in the order they were made.
    const local = await world.store.db.selectFrom('clients').select(['id', 'provider_id', 'email']).orderBy('id').execute();
    const providerIdOf = new Map(local.map((client) => [client.email, client.provider_id!]));
    const clientOf = (call: (typeof applied)[number]): string | undefined => (call.method === 'signupClient' ? providerIdOf.get(call.params.email!) : call.params.client);
    for (const client of local) {
      const made = items.filter((row) => row.entity === 'client' && row.entity_id === client.id).map((row) => row.method);
      const calls = applied.filter((call) => clientOf(call) === client.provider_id);
      // An update sent again after its answer was lost is the same call twice in a row: once in the order.
      const sent = calls.filter((call, index) => !(repeatable(call.method) && index > 0 && JSON.stringify(calls[index - 1]) === JSON.stringify(call))).map((call) => call.method);
      expect(sent).toEqual(made);
      // Money in the ledger's order, each amount once.
      const entries = await world.store.db.selectFrom('ledger_entries').select(['kind', 'amount_micros']).where('client_id', '=', client.id).orderBy('id').execute();
      const amounts = (kind: 'payment' | 'charge') => entries.filter((entry) => entry.kind === kind).map((entry) => (Math.abs(entry.amount_micros) / 1e6).toFixed(2));
      expect((fake.deposits.get(client.provider_id!) ?? []).map((entry) => entry.amount)).toEqual(amounts('payment'));
      expect((fake.charges.get(client.provider_id!) ?? []).map((entry) => entry.amount)).toEqual(amounts('charge'));
    }
  }, 120_000);
});
