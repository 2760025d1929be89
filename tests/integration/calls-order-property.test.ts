import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { channelCaller } from '../helpers/channels';
import { tempStore, type TempStore } from '../helpers/store';
import { indexNames } from '../helpers/schemaInfo';
import { testStoreKind } from '../helpers/pgServer';
import { importInto } from '../../main/services/calls/importInto';

/**
 * Issue 13, "Must hold": for any order of the same calls, split into any batches and any
 * number of imports, the stored ratings and every client's balance are identical. Free
 * minutes make the order matter (DESIGN rule 6): a call that arrives late must move them
 * to where the chronology puts them, exactly as if the file had come sorted. An import may
 * also write its rows with the calls indexes dropped and build them after (a bulk import):
 * its ratings read each stored cycle from one summary instead.
 */

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';

interface Call {
  id: string;
  day: number;
  second: number;
  account: string;
  destination: string;
  seconds: number;
}

function csvLine(call: Call): string {
  const time = new Date(Date.UTC(2026, 10, call.day, 0, 0, call.second)).toISOString().slice(0, 19).replace('T', ' ');
  const abroad = call.destination.startsWith('44');
  return [
    time,
    '5145550100',
    call.destination,
    abroad ? 'Outgoing to United Kingdom' : 'Outgoing to Canada - Quebec',
    `100000_${call.account}`,
    call.seconds > 0 ? 'ANSWERED' : 'NO ANSWER',
    '00:00:00',
    String(call.seconds),
    abroad ? '0.05000000' : '0.01000000',
    abroad ? '0.05000000' : '0.01000000',
    call.id,
  ].join(',');
}

/** Alice and Bob (two sub accounts, one package) with free minutes, Carol without: one store per order. */
async function world(): Promise<TempStore> {
  const temp = await tempStore();
  const { ok } = channelCaller(() => temp.table);
  const free = await ok<{ id: number }>('packages.create', { name: 'Free 5', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, freeMinutes: 5 });
  await ok('packages.saveRates', { packageId: free.id, rates: [{ scope: 'canada', value: '', rate: '0.02', freeZone: true }] });
  const plain = await ok<{ id: number }>('packages.create', { name: 'Plain', markupFixed: '0', markupPercent: '30', pulseSeconds: 6, freeMinutes: 0 });
  const client = async (firstName: string) => {
    const created = await ok<{ id: number }>('clients.create', { firstName, lastName: 'Test', email: `${firstName.toLowerCase()}@example.com`, balanceMode: 'soft' });
    await ok('clients.payment', { clientId: created.id, amount: '50' });
    return created.id;
  };
  const alice = await client('Alice');
  const bob = await client('Bob');
  const carol = await client('Carol');
  await ok('subaccounts.create', { username: 'alice', clientId: alice, packageId: free.id, nextBillingDate: '2026-12-01' });
  await ok('subaccounts.create', { username: 'bob1', clientId: bob, packageId: free.id, nextBillingDate: '2026-12-01' });
  await ok('subaccounts.create', { username: 'bob2', clientId: bob, packageId: free.id, nextBillingDate: '2026-12-01' });
  await ok('subaccounts.create', { username: 'carol', clientId: carol, packageId: plain.id, nextBillingDate: '2026-12-01' });
  return temp;
}

/** Imports the calls in the given order, cut into the given imports; returns what must not depend on it. */
async function outcome(calls: Call[], cuts: number[], batchSize: number, transactionRows: number, deferIndexes: boolean[] = []) {
  const temp = await world();
  try {
    const bounds = [0, ...cuts.filter((cut) => cut > 0 && cut < calls.length).sort((a, b) => a - b), calls.length];
    for (let index = 0; index + 1 < bounds.length; index += 1) {
      const piece = calls.slice(bounds[index], bounds[index + 1]);
      if (piece.length === 0) continue;
      const csv = [HEADER, ...piece.map(csvLine)].join('\n');
      const result = await importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv', { batchSize }), {
        source: 'property',
        format: 'voipms-csv',
        now: () => new Date('2026-11-30T12:00:00Z'),
        transactionRows,
        deferIndexes: deferIndexes[index] ? 'always' : 'never',
      });
      expect(result.status).toBe('done');
    }
    // However each import wrote its rows, every index of calls is there after it.
    const indexes = await indexNames(temp.store.db as unknown as Kysely<unknown>, temp.store.dialect, 'calls');
    const ratings = await temp.store.db
      .selectFrom('calls')
      .select(['call_id', 'subaccount_id', 'client_id', 'status', 'rule', 'free_minutes_used', 'free_seconds', 'billed_seconds', 'charge_micros'])
      .orderBy('call_id')
      .execute();
    const balances = await temp.store.db.selectFrom('clients').select(['id', 'balance_micros']).orderBy('id').execute();
    const ledger = await temp.store.db
      .selectFrom('ledger_entries')
      .select(['client_id', (eb) => eb.fn.sum<number>('amount_micros').as('sum')])
      .groupBy('client_id')
      .orderBy('client_id')
      .execute();
    const rollups = await temp.store.db.selectFrom('call_totals').selectAll().orderBy('month').orderBy('client_id').execute();
    const pending = await temp.store.db.selectFrom('rating_pending').selectAll().execute();
    const deferred = await temp.store.db.selectFrom('deferred_indexes').selectAll().execute();
    return { ratings, balances, ledger, rollups, pending, indexes, deferred };
  } finally {
    await temp.cleanup();
  }
}

const callArbitrary = fc.record({
  day: fc.integer({ min: 25, max: 29 }),
  second: fc.integer({ min: 0, max: 86_399 }),
  account: fc.constantFrom('alice', 'bob1', 'bob2', 'carol'),
  destination: fc.constantFrom('15145551234', '15145551234', '447700900123'),
  seconds: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constant(0)),
});

describe('rating does not depend on the order calls arrive in (issue 13)', () => {
  it('any order, any batches, any number of imports: the same ratings, balances, ledger and rollups', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArbitrary, { minLength: 2, maxLength: 30 }).chain((drafts) => {
          const calls: Call[] = drafts.map((draft, index) => ({ ...draft, id: `c${String(index).padStart(3, '0')}` }));
          return fc.record({
            calls: fc.constant(calls),
            order: fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length }),
            cuts: fc.array(fc.integer({ min: 0, max: calls.length }), { maxLength: 3 }),
            batchSize: fc.integer({ min: 1, max: 8 }),
            transactionRows: fc.integer({ min: 1, max: 20 }),
            // Each import may write its rows first and build the calls indexes after them.
            deferIndexes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
          });
        }),
        async ({ calls, order, cuts, batchSize, transactionRows, deferIndexes }) => {
          const chronological = [...calls].sort((a, b) => a.day - b.day || a.second - b.second || (a.id < b.id ? -1 : 1));
          const expected = await outcome(chronological, [], 1_000, 1_000);
          const actual = await outcome(order, cuts, batchSize, transactionRows, deferIndexes);
          expect(actual.pending).toEqual([]);
          expect(actual.deferred).toEqual([]);
          expect(actual.indexes).toEqual(expected.indexes);
          expect(actual.ratings).toEqual(expected.ratings);
          expect(actual.balances).toEqual(expected.balances);
          expect(actual.ledger).toEqual(expected.ledger);
          expect(actual.rollups).toEqual(expected.rollups);
        },
      ),
      // PostgreSQL: each run makes two databases and 60 transactions over the network (≈5 s); fewer runs, the same seed.
      { numRuns: testStoreKind() === 'postgres' ? 8 : 40, seed: 1313 },
    );
  }, 300_000);

  it('a bulk import after calls are stored counts the free minutes they used, and rates its late calls again', async () => {
    const call = (id: string, day: number, seconds: number): Call => ({ id, day, second: 36_000, account: 'alice', destination: '15145551234', seconds });
    // a1 and a3 use 4 of the 5 free minutes; a4 comes after them (1 free minute left), a2 before a3 (late).
    const stored = [call('a1', 25, 180), call('a3', 27, 60)];
    for (const bulk of [[call('a4', 28, 180)], [call('a2', 26, 60), call('a4', 28, 180)]]) {
      const expected = await outcome([...stored, ...bulk].sort((a, b) => a.day - b.day), [], 1_000, 1_000);
      const actual = await outcome([...stored, ...bulk], [stored.length], 1, 1, [false, true]);
      expect(actual.ratings).toEqual(expected.ratings);
      expect(actual.balances).toEqual(expected.balances);
      expect(actual.indexes).toEqual(expected.indexes);
      expect(actual.deferred).toEqual([]);
    }
  });
});
