import { describe, expect, it } from 'vitest';
import { accountProblem, callDayCorrection, callDayEntryDescription, chargeFor, costRateOf } from '../../../main/engine';
import { micros, rateE8 } from '../../../main/money/units';
import type { ProviderCost } from '../../../main/engine';

describe('the charge formula: rate × seconds / 60, half-up to a micro (DESIGN rule 7)', () => {
  it.each([
    // rate (1e-8/min), seconds, micros
    [1_200_000, 60, 12_000, 'guide: cost 0.01 + 20 % = 0.012 a minute, one minute'],
    [1_200_000, 6, 1_200, 'a 6-second step'],
    [1_000_000, 1, 167, '0.01/min for 1 s = 166.67 micros → 167'],
    [1, 3_000, 1, 'exactly half a micro rounds up'],
    [1, 2_999, 0, 'just under half a micro rounds down'],
    [0, 3_600, 0, 'a free rate'],
    [123_456_789, 0, 0, 'no seconds'],
    [99_999_999, 86_400, 1_439_999_986, 'a day at 0.99999999/min'],
  ])('%i × %i s → %i micros (%s)', (rate, seconds, expected) => {
    expect(chargeFor(rate, seconds)).toBe(expected);
  });

  it('a negative rate mirrors a positive one (half away from zero)', () => {
    expect(chargeFor(-1, 3_000)).toBe(-1);
  });
});

describe('the cost rate of a call', () => {
  it.each<[ProviderCost, number, string]>([
    [{ costRate: rateE8(1_000_000), costTotal: micros(999), seconds: 60 }, 1_000_000, 'the record has a rate: it wins'],
    [{ costRate: null, costTotal: micros(10_000), seconds: 60 }, 1_000_000, 'recovered from the total over one minute'],
    [{ costRate: null, costTotal: micros(1_000), seconds: 1 }, 1_000_000, 'the provider billed 6 s for 1 s'],
    [{ costRate: null, costTotal: micros(2_000), seconds: 7 }, 1_000_000, '7 s are two 6-second steps'],
    [{ costRate: null, costTotal: null, seconds: 60 }, 0, 'no total'],
    [{ costRate: null, costTotal: micros(0), seconds: 60 }, 0, 'a zero total'],
    [{ costRate: null, costTotal: micros(500), seconds: 0 }, 0, 'no duration'],
  ])('%o → %i (%s)', (cost, expected, _why) => {
    expect(costRateOf(cost)).toBe(expected);
  });
});

describe('why a call cannot be rated (one UnratedReason)', () => {
  it.each([
    [undefined, 'unknown_account', 'Sub account 100000_bob is not known here: create it (or sync it), then re-rate'],
    [{ clientId: null, packageId: null }, 'no_package', 'Sub account 100000_bob has no client package: connect one, then re-rate'],
    [{ clientId: 4, packageId: null }, 'no_package', 'Sub account 100000_bob has no client package: connect one, then re-rate'],
  ] as const)('%o → %s', (link, reason, message) => {
    expect(accountProblem('100000_bob', link)).toEqual({ reason, message });
  });

  it('a sub account with a client package can be rated', () => {
    expect(accountProblem('100000_bob', { clientId: 4, packageId: 2 })).toBeNull();
  });
});

describe('the daily call entry of a client', () => {
  it.each([
    [57_000, 0, -57_000, 'first posting of the day'],
    [57_000, -57_000, 0, 'already posted: nothing to do'],
    [60_000, -57_000, -3_000, 're-rated dearer'],
    [50_000, -57_000, 7_000, 're-rated cheaper'],
    [0, -57_000, 57_000, 'every call re-rated free'],
  ])('charged %i, posted %i → entry %i (%s)', (charged, posted, expected) => {
    expect(callDayCorrection(charged, posted)).toBe(expected);
  });

  it.each([
    ['2026-11-03', 57, 0, -57_000, 'Calls on 2026-11-03: 57 rated calls'],
    ['2026-11-03', 1, 0, -1_000, 'Calls on 2026-11-03: 1 rated call'],
    ['2026-11-03', 57, 1, -3_000, 'Calls on 2026-11-03: re-rated (57 calls, more by 0.003000)'],
    ['2026-11-03', 57, 2, 7_000, 'Calls on 2026-11-03: re-rated (57 calls, less by 0.007000)'],
  ])('%s, %i calls, %i earlier entries, %i → %s', (day, calls, before, delta, expected) => {
    expect(callDayEntryDescription(day, calls, before, delta)).toBe(expected);
  });
});
