import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedCdr } from '../../main/cdr';
import { dispatch } from '../../main/handlers/table';
import { micros } from '../../main/money';
import { didRateFor, parsedCdrToRate, storedCallToRate } from '../../main/services/calls/callToRate';
import { dirtyDayKey, STORED_CALL_COLUMNS } from '../../main/services/calls/statements';
import { RatingWorld } from '../../main/services/calls/world';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { importInto } from '../../main/services/calls/importInto';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

async function ok<T>(name: string, input?: unknown): Promise<T> {
  const result = await dispatch(temp.table, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

const cdr = (overrides: Partial<ParsedCdr>): ParsedCdr => ({
  line: 2,
  callId: 'r1',
  startedAt: '2026-11-26 10:00:00',
  callerId: '"Zoë" <5145550100>',
  destination: '15145551234',
  description: 'Outgoing',
  account: '100000_alice',
  disposition: 'ANSWERED',
  seconds: 61,
  costRate: null,
  costTotal: micros(10_000),
  direction: 'outbound',
  didNumber: null,
  ...overrides,
});

/** Alice with a package and a DID at 0.02 a minute; Bob with a package and none. */
async function world() {
  const pkg = await ok<{ id: number }>('packages.create', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  const alice = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  const bob = await ok<{ id: number }>('clients.create', { firstName: 'Bob', lastName: 'Roy', email: 'bob@example.com', balanceMode: 'soft' });
  const sub = await ok<{ clientPackageId: number }>('subaccounts.create', { username: 'alice', clientId: alice.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
  await ok('subaccounts.create', { username: 'bob', clientId: bob.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
  await ok('dids.add', { number: '15145550101' });
  await ok('dids.assign', { number: '15145550101', clientPackageId: sub.clientPackageId, minuteRate: '0.02', monthlyFee: '2' });
  return { alice: alice.id, bob: bob.id, rating: await RatingWorld.load(temp.store.db) };
}

describe('one shape for a stored call', () => {
  it('a stored call maps to what the engine rates exactly as its CDR did', async () => {
    const { rating } = await world();
    const cdrs = [
      cdr({ callId: 'out' }),
      cdr({ callId: 'in', direction: 'inbound', didNumber: '15145550101', destination: '15145550101' }),
      cdr({ callId: 'in-bob', account: '100000_bob', direction: 'inbound', didNumber: '15145550101', destination: '15145550101' }),
      cdr({ callId: 'unknown', account: '100000_nobody' }),
    ];
    async function* batches() {
      yield { good: cdrs, rejected: [], linesRead: 5, bytesRead: 500 };
    }
    await importInto(temp.store, batches(), { source: 'rows', format: 'voipms-csv', now: () => FIXED_NOW });
    const rows = await temp.store.db.selectFrom('calls').select(STORED_CALL_COLUMNS).orderBy('id').execute();
    expect(rows).toHaveLength(cdrs.length);
    for (const [index, row] of rows.entries()) {
      const fromCdr = parsedCdrToRate(cdrs[index]!, rating);
      expect(storedCallToRate(row, rating)).toEqual({ ...fromCdr, rowId: row.id });
    }
  });

  it('one DID-rate lookup: the DID sells at its rate only for the client it belongs to', async () => {
    const { alice, bob, rating } = await world();
    expect(didRateFor(rating, '15145550101', alice)).toBe(2_000_000);
    // The provider writes DIDs in several forms.
    expect(didRateFor(rating, '5145550101', alice)).toBe(2_000_000);
    expect(didRateFor(rating, '15145550101', bob)).toBe(0);
    expect(didRateFor(rating, '15145550199', alice)).toBe(0);
    expect(didRateFor(rating, null, alice)).toBe(0);
    expect(parsedCdrToRate(cdr({ direction: 'inbound', didNumber: '15145550101' }), rating).record.didRate).toBe(2_000_000);
    expect(parsedCdrToRate(cdr({}), rating).record).not.toHaveProperty('didRate');
  });

  it('one dirty-day key: the client and the calendar day the call started', () => {
    expect(dirtyDayKey(7, '2026-11-26 23:59:59')).toBe('7|2026-11-26');
    expect(dirtyDayKey(7, '2026-11-27 00:00:00')).toBe('7|2026-11-27');
  });
});
