import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chronologicalOrder,
  compareCallsChronologically,
  compilePackage,
  rateCycle,
  type CallRating,
  type RatedCall,
} from '../../../main/engine';
import { CANADA_FREE_ZONE, makeCall, makePackage } from './fixtures';

const noDids = { ownDids: new Set<string>() };

function rated(result: CallRating | undefined): RatedCall {
  if (result?.status !== 'rated') throw new Error(`expected a rated call, got ${JSON.stringify(result)}`);
  return result;
}

describe('rateCycle: free minutes in chronological order (rule 6)', () => {
  // Pulse 60, inbound at 0.01/min, 5 free minutes.
  const compiled = compilePackage(makePackage({ pulseSeconds: 60, freeMinutes: 5 }));
  const inbound = { direction: 'inbound' as const, didRate: 1_000_000, costRate: 900_000 };

  it('gives the free minutes to the earliest call, whatever the input order', () => {
    const late = makeCall({ ...inbound, callId: 'late', startedAt: '2024-05-02 10:00:00', seconds: 180, costTotal: 27_000 });
    const early = makeCall({ ...inbound, callId: 'early', startedAt: '2024-05-01 09:00:00', seconds: 240, costTotal: 36_000 });
    const cycle = rateCycle(compiled, [late, early], noDids);

    expect(cycle.results.map((result) => result.callId)).toEqual(['early', 'late']);
    // early: 4 minutes fit in 5 → free. late: 3 minutes, 1 left → 60 s free, 120 s billed at 0.01.
    expect(rated(cycle.results[0])).toMatchObject({ charge: 0, freeMinutesUsed: 4, billedSeconds: 0, freeMinutesCover: 'whole_call' });
    expect(rated(cycle.results[1])).toMatchObject({ charge: 20_000, freeMinutesUsed: 1, billedSeconds: 120, freeMinutesCover: 'part_of_call' });
    expect(cycle.freeMinutesLeft).toBe(0);
    expect(cycle.totals).toEqual({
      rated: 2,
      unrated: 0,
      charge: 20_000,
      cost: 63_000,
      profit: -43_000,
      billedSeconds: 120,
      freeMinutesUsed: 5,
    });
  });

  it('breaks a start-time tie by call id compared as text ("10" before "9")', () => {
    const at = '2024-05-01 09:00:00';
    const nine = makeCall({ ...inbound, callId: '9', startedAt: at, seconds: 300, costTotal: 0 });
    const ten = makeCall({ ...inbound, callId: '10', startedAt: at, seconds: 300, costTotal: 0 });
    const cycle = rateCycle(compiled, [nine, ten], noDids);
    expect(cycle.results.map((result) => result.callId)).toEqual(['10', '9']);
    expect(rated(cycle.results[0]).charge).toBe(0);
    expect(rated(cycle.results[1]).charge).toBe(50_000);
  });

  it('lets calls that do not spend free minutes pass without using them', () => {
    const zone = compilePackage(makePackage({ freeMinutes: 2, customRates: [CANADA_FREE_ZONE] }));
    const calls = [
      makeCall({ callId: 'a', startedAt: '2024-05-01 08:00:00', destination: '12125551234', seconds: 600 }), // markup
      makeCall({ callId: 'b', startedAt: '2024-05-01 09:00:00', destination: '15145551234', seconds: 90 }), // free zone, 2 min
      makeCall({ callId: 'c', startedAt: '2024-05-01 10:00:00', destination: '15145551234', seconds: 30 }), // nothing left
    ];
    const cycle = rateCycle(zone, calls, noDids);
    expect(cycle.results.map((result) => rated(result).freeMinutesUsed)).toEqual([0, 2, 0]);
    // c: 30 s at 0.009 = 4_500 micros.
    expect(rated(cycle.results[2]).charge).toBe(4_500);
  });

  it('keeps calls it cannot rate, with their reason (rule 8)', () => {
    const cycle = rateCycle(null, [makeCall({ callId: 'x' })], noDids);
    expect(cycle.results).toEqual([expect.objectContaining({ callId: 'x', status: 'unrated', reason: 'no_package' })]);
    expect(cycle.totals).toMatchObject({ rated: 0, unrated: 1, charge: 0 });
  });

  it('does not reorder the caller\'s array', () => {
    const calls = [makeCall({ callId: 'b' }), makeCall({ callId: 'a' })];
    rateCycle(compiled, calls, noDids);
    expect(calls.map((call) => call.callId)).toEqual(['b', 'a']);
  });
});

describe('chronologicalOrder', () => {
  const tightTimes = fc.constantFrom('2024-05-01 10:00:00', '2024-05-01 10:00:01', '2024-05-01 09:59:59', '2099-12-31 23:59:60', '2000-01-01 00:00:00');
  const oddTimes = fc.constantFrom('21x0-01-01 00:00:00', '2024-05-01 1a:00:00', '2024-5-1 10:00', '1999-12-31 23:59:59', '2024-13-01 00:00:00', '', '2024-05-01T10:00:00');
  const callsWith = (times: fc.Arbitrary<string>) =>
    fc.array(
      fc.record({
        startedAt: times,
        callId: fc.constantFrom('1', '2', '10', '9', 'a', 'B', '100'),
        seconds: fc.integer({ min: 0, max: 5 }),
        direction: fc.constantFrom<'inbound' | 'outbound'>('inbound', 'outbound'),
      }),
      { maxLength: 60 },
    );

  it('gives exactly the order of the full comparison, ties included', () => {
    fc.assert(
      fc.property(callsWith(tightTimes), (fields) => {
        const calls = fields.map((input) => makeCall(input));
        expect(chronologicalOrder(calls)).toEqual([...calls].sort(compareCallsChronologically));
      }),
    );
  });

  it('falls back to the full comparison for dates in another form', () => {
    fc.assert(
      fc.property(callsWith(fc.oneof(tightTimes, oddTimes)), (fields) => {
        const calls = fields.map((input) => makeCall(input));
        expect(chronologicalOrder(calls)).toEqual([...calls].sort(compareCallsChronologically));
      }),
    );
  });

  it.each(['21x0-01-01 00:00:00', '2024-05-01 1a:00:00', '2024-05-01T10:00:00', '1999-12-31 23:59:59'])(
    'keeps text order next to a start written %j',
    (odd) => {
      const calls = [makeCall({ callId: 'odd', startedAt: odd }), makeCall({ callId: 'late', startedAt: '2099-12-31 23:59:60' }), makeCall({ callId: 'early', startedAt: '2000-01-01 00:00:00' })];
      const expected = [...calls].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1)).map((call) => call.callId);
      expect(chronologicalOrder(calls).map((call) => call.callId)).toEqual(expected);
    },
  );

  it('orders by start time first, then call id as text', () => {
    const calls = [
      makeCall({ callId: 'b', startedAt: '2024-05-01 10:00:00' }),
      makeCall({ callId: 'z', startedAt: '2024-04-30 23:59:59' }),
      makeCall({ callId: 'a', startedAt: '2024-05-01 10:00:00' }),
    ];
    expect(chronologicalOrder(calls).map((call) => call.callId)).toEqual(['z', 'a', 'b']);
  });
});

describe('chronologicalOrder with many calls in the same second', () => {
  it('orders a long run of equal start times by call id', () => {
    const calls = Array.from({ length: 200_000 }, (_, index) => makeCall({ callId: String((index * 7_919) % 200_000), startedAt: '2024-05-01 10:00:00' }));
    const ids = chronologicalOrder(calls).map((call) => call.callId);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(200_000);
  });
});
