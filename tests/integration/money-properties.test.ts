import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { rateCycle, type CallRecord } from '../../main/engine';
import { dispatch } from '../../main/handlers/table';
import { micros, rateE8 } from '../../main/money';
import { importInto } from '../../main/services/calls/importInto';
import { runBilling } from '../../main/services/billing';
import { rerateOpenCycles } from '../../main/services/calls/rerate';
import { RatingWorld } from '../../main/services/calls/world';
import { moneyDoor } from '../../main/services/ledger';
import { createContext } from '../../main/services/context';
import type { Result } from '../../preload/result';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/**
 * The money laws, on a real store, for random interleavings of imports (with
 * late calls), re-rates, payments, charges, reversals and billing runs:
 *   1. every client's cached balance is the sum of its ledger;
 *   2. the call entries of a client-day add up to that day's rated charges;
 *   3. rating incrementally (batches, late calls) equals rating each open cycle from
 *      scratch (a closed period is never re-rated, so only open cycles are compared).
 */

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const DESTINATIONS = ['15145551234', '447700900123', '12125550100'] as const;
const ACCOUNTS = ['100000_alice', '100000_bob'] as const;

interface GeneratedCall {
  account: 0 | 1;
  day: number;
  second: number;
  seconds: number;
  destination: 0 | 1 | 2;
  inbound: boolean;
}

type Operation =
  | { kind: 'import'; calls: GeneratedCall[] }
  | { kind: 'rerate'; canadaRate: '0.02' | '0.03' }
  | { kind: 'payment' | 'charge'; client: 0 | 1; cents: number }
  | { kind: 'reverse'; pick: number }
  | { kind: 'billing'; date: '2026-12-01' | '2026-12-15' };

const callArbitrary: fc.Arbitrary<GeneratedCall> = fc.record({
  account: fc.constantFrom(0 as const, 1 as const),
  day: fc.integer({ min: 0, max: 14 }),
  second: fc.integer({ min: 0, max: 86_399 }),
  seconds: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 400 })),
  destination: fc.constantFrom(0 as const, 1 as const, 2 as const),
  inbound: fc.boolean(),
});

const moneyOperations = [
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('payment' as const, 'charge' as const), client: fc.constantFrom(0 as const, 1 as const), cents: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('billing' as const), date: fc.constantFrom('2026-12-01' as const, '2026-12-15' as const) }) },
] satisfies fc.WeightedArbitrary<Operation>[];

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('import' as const), calls: fc.array(callArbitrary, { minLength: 1, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rerate' as const), canadaRate: fc.constantFrom('0.02' as const, '0.03' as const) }) },
  ...moneyOperations,
);

/** What moves money without calls (payments, charges, reversals, billing runs): what runs on PostgreSQL before calls do (issue 16). */
const moneyOperationArbitrary: fc.Arbitrary<Operation> = fc.oneof(...moneyOperations);

const pad = (value: number): string => String(value).padStart(2, '0');

function startOf(call: GeneratedCall): string {
  const date = new Date(Date.UTC(2026, 10, 25 + call.day));
  const day = date.toISOString().slice(0, 10);
  return `${day} ${pad(Math.floor(call.second / 3600))}:${pad(Math.floor(call.second / 60) % 60)}:${pad(call.second % 60)}`;
}

function csvOf(calls: GeneratedCall[], ids: () => string): string {
  const lines = calls.map((call) =>
    [
      startOf(call),
      '"""Caller"" <5145550100>"',
      DESTINATIONS[call.destination],
      call.inbound ? 'Inbound DID' : 'Outgoing',
      ACCOUNTS[call.account],
      call.seconds > 0 ? 'ANSWERED' : 'NO ANSWER',
      '00:00:00',
      String(call.seconds),
      '0.01000000',
      (Math.ceil(call.seconds / 6) * 0.001).toFixed(8),
      ids(),
    ].join(','),
  );
  return [HEADER, ...lines].join('\n');
}

async function ok<T>(temp: TempStore, name: string, input?: unknown): Promise<T> {
  const result = (await dispatch(temp.table, name, input)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

interface World {
  clients: [number, number];
  freePackage: number;
}

/** Alice: HARD, free minutes with Canada as a free zone, setup fee on the first cycle. Bob: SOFT, markup only, setup fee now. */
async function setUp(temp: TempStore): Promise<World> {
  const free = await ok<{ id: number }>(temp, 'packages.create', {
    name: 'Free minutes',
    markupFixed: '0',
    markupPercent: '20',
    pulseSeconds: 6,
    freeMinutes: 5,
    monthlyFee: '3',
    setupFee: '2',
  });
  await ok(temp, 'packages.saveRates', { packageId: free.id, rates: [{ scope: 'canada', value: '', rate: '0.02', freeZone: true }] });
  const markup = await ok<{ id: number }>(temp, 'packages.create', { name: 'Markup', markupFixed: '0.001', markupPercent: '10', pulseSeconds: 60, monthlyFee: '1', setupFee: '1' });
  const alice = await ok<{ id: number }>(temp, 'clients.create', { firstName: 'Alice', lastName: 'Hard', email: 'a@example.com', balanceMode: 'hard', lowBalanceThreshold: '1' });
  const bob = await ok<{ id: number }>(temp, 'clients.create', { firstName: 'Bob', lastName: 'Soft', email: 'b@example.com', balanceMode: 'soft' });
  await ok(temp, 'clients.payment', { clientId: alice.id, amount: '2' });
  await ok(temp, 'subaccounts.create', { username: 'alice', clientId: alice.id, packageId: free.id, nextBillingDate: '2026-12-01' });
  await ok(temp, 'subaccounts.create', { username: 'bob', clientId: bob.id, packageId: markup.id, nextBillingDate: '2026-12-01', chargeSetupNow: true });
  return { clients: [alice.id, bob.id], freePackage: free.id };
}

async function apply(temp: TempStore, world: World, operation: Operation, ids: () => string): Promise<void> {
  const now = () => FIXED_NOW;
  switch (operation.kind) {
    case 'import': {
      // Small parser batches and transactions: late calls arrive in later batches of the same import too.
      const csv = csvOf(operation.calls, ids);
      const progress = await importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv', { batchSize: 3 }), {
        source: 'property',
        format: 'voipms-csv',
        now,
        transactionRows: 5,
      });
      expect(progress.status).toBe('done');
      return;
    }
    case 'rerate': {
      await ok(temp, 'packages.saveRates', { packageId: world.freePackage, rates: [{ scope: 'canada', value: '', rate: operation.canadaRate, freeZone: true }] });
      await rerateOpenCycles(createContext(temp.store, now), { packageId: world.freePackage, apply: true });
      return;
    }
    case 'payment':
    case 'charge':
      await ok(temp, `clients.${operation.kind}`, { clientId: world.clients[operation.client], amount: (operation.cents / 100).toFixed(2) });
      return;
    case 'reverse': {
      const candidates = await temp.store.db
        .selectFrom('ledger_entries as entry')
        .leftJoin('ledger_entries as reversal', 'reversal.reverses_entry_id', 'entry.id')
        .select('entry.id')
        .where('entry.kind', '!=', 'reversal')
        .where('reversal.id', 'is', null)
        .orderBy('entry.id')
        .execute();
      const entry = candidates[operation.pick % Math.max(1, candidates.length)];
      if (entry) await ok(temp, 'clients.reverse', { entryId: entry.id, reason: 'property' });
      return;
    }
    case 'billing':
      // A run on its own day (main refuses a date more than a week past its clock).
      await runBilling(createContext(temp.store, () => new Date(`${operation.date}T12:00:00Z`)), { date: operation.date });
      return;
  }
}

async function checkLaws(temp: TempStore): Promise<void> {
  const db = temp.store.db;
  // 1. The cached balance is the ledger's sum.
  const clients = await db.selectFrom('clients').select(['id', 'balance_micros']).execute();
  for (const client of clients) {
    const { total } = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_micros'), eb.lit(0)).as('total'))
      .where('client_id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(client.balance_micros, `client ${client.id}`).toBe(Number(total));
  }

  // 2. Call entries of a client-day = that day's rated charges (nothing left dirty).
  expect(await db.selectFrom('call_charge_dirty').selectAll().execute()).toEqual([]);
  const charged = await db
    .selectFrom('calls')
    .select((eb) => ['client_id', eb.fn<string>('substr', ['started_at', eb.val(1), eb.val(10)]).as('day'), eb.fn.sum<number>('charge_micros').as('total')])
    .where('status', '=', 'rated')
    .groupBy(['client_id', 'day'])
    .execute();
  const posted = await db
    .selectFrom('ledger_entries')
    .select((eb) => ['client_id', 'occurred_on', eb.fn.sum<number>('amount_micros').as('total')])
    .where('kind', '=', 'calls')
    .groupBy(['client_id', 'occurred_on'])
    .execute();
  const byDay = new Map<string, number>();
  for (const row of charged) if (Number(row.total) !== 0) byDay.set(`${row.client_id}|${row.day}`, -Number(row.total));
  const postedByDay = new Map<string, number>();
  for (const row of posted) if (Number(row.total) !== 0) postedByDay.set(`${row.client_id}|${row.occurred_on}`, Number(row.total));
  expect(postedByDay).toEqual(byDay);

  // 3. Each open cycle, rated from scratch by the engine, gives what is stored.
  const world = await RatingWorld.load(db);
  for (const connection of world.clientPackages.values()) {
    const rows = await db
      .selectFrom('calls')
      .selectAll()
      .where('client_package_id', '=', connection.id)
      .where('cycle_start', '>=', connection.cycleStartDate)
      .where('status', '=', 'rated')
      .execute();
    const cycles = new Map<string, typeof rows>();
    for (const row of rows) cycles.set(row.cycle_start!, [...(cycles.get(row.cycle_start!) ?? []), row]);
    for (const [cycleStart, cycleRows] of cycles) {
      const records: CallRecord[] = cycleRows.map((row) => ({
        callId: row.call_id,
        startedAt: row.started_at,
        direction: row.direction,
        destination: row.destination,
        seconds: row.seconds,
        disposition: row.disposition as CallRecord['disposition'],
        costRate: rateE8(row.cost_rate_e8),
        costTotal: micros(row.cost_micros),
        ...(row.direction === 'inbound' ? { didRate: rateE8(0) } : {}),
      }));
      const scratch = rateCycle(world.package(connection.packageId), records, { ownDids: world.ownDids });
      const expected = new Map(scratch.results.map((result) => [result.callId, result.status === 'rated' ? [result.charge, result.freeMinutesUsed, result.billedSeconds] : null]));
      const stored = new Map(cycleRows.map((row) => [row.call_id, [row.charge_micros, row.free_minutes_used, row.billed_seconds]]));
      expect(stored, `cycle ${connection.id} from ${cycleStart}`).toEqual(expected);
    }
  }
}

/** Runs each list of operations on a fresh store and checks the laws after it. */
async function holdsFor(operations: fc.Arbitrary<Operation>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(operations, { minLength: 1, maxLength: 8 }), async (list) => {
      const temp = await tempStore();
      try {
        const world = await setUp(temp);
        let next = 0;
        const ids = (): string => `p${(next += 1)}`;
        for (const operation of list) await apply(temp, world, operation, ids);
        await checkLaws(temp);
      } finally {
        await temp.cleanup();
      }
    }),
    { numRuns: 12 },
  );
}

describe('money properties', () => {
  it('balances, daily call entries and incremental rating hold for any interleaving', async () => {
    await holdsFor(operationArbitrary);
  }, 120_000);

  it('balances hold for any interleaving of payments, charges, reversals and billing runs (no calls)', async () => {
    await holdsFor(moneyOperationArbitrary);
  }, 120_000);
});

describe('the ledger door', () => {
  it('rolls back with the Kysely transaction it runs in, skips a reference written before, and applies the rules once per client in a batch', async () => {
    const temp = await tempStore();
    try {
      const { id } = await ok<{ id: number }>(temp, 'clients.create', { firstName: 'Cleo', lastName: 'Door', email: 'c@example.com', balanceMode: 'hard' });
      const door = moneyDoor(temp.store);
      const entry = { clientId: id, kind: 'charge' as const, amount: micros(-1_000_000), description: 'test', occurredOn: '2026-11-25', reference: 'door:1' };

      await expect(
        temp.store.db.transaction().execute(async (trx) => {
          await door.post(trx, entry, FIXED_NOW.toISOString());
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const balance = async () => (await temp.store.db.selectFrom('clients').select(['balance_micros', 'status']).where('id', '=', id).executeTakeFirstOrThrow());
      expect(await balance()).toEqual({ balance_micros: 0, status: 'suspended' });
      expect(await temp.store.db.selectFrom('ledger_entries').selectAll().execute()).toEqual([]);

      await ok(temp, 'clients.payment', { clientId: id, amount: '5' });
      expect(await balance()).toEqual({ balance_micros: 5_000_000, status: 'active' });
      await temp.store.db.transaction().execute(async (trx) => {
        expect(await door.post(trx, entry, FIXED_NOW.toISOString())).not.toBeNull();
        expect(await door.post(trx, entry, FIXED_NOW.toISOString())).toBeNull();
      });
      expect((await balance()).balance_micros).toBe(4_000_000);

      const batch = [1, 2, 3].map((n) => ({ ...entry, amount: micros(-2_000_000), reference: `door:batch:${n}` }));
      const result = await temp.store.db.transaction().execute((trx) => door.append(trx, batch, FIXED_NOW.toISOString()));
      expect(result).toEqual({ ids: [expect.any(Number), expect.any(Number), expect.any(Number)], clients: 1 });
      expect(await balance()).toEqual({ balance_micros: -2_000_000, status: 'suspended' });
      const notices = await temp.store.db.selectFrom('notices').select('kind').where('client_id', '=', id).orderBy('id').execute();
      // One suspension from the batch (the client was created HARD at 0, which is already suspended, then reactivated by the payment).
      expect(notices.map((notice) => notice.kind)).toEqual(['reactivated', 'suspended']);
    } finally {
      await temp.cleanup();
    }
  });
});
