import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePackage,
  rateCall,
  rateCycle,
  type CallRecord,
  type CustomRate,
  type RatedCall,
  type RatingPackage,
} from '../../../main/engine';
import { customRate, makeCall, makePackage } from './fixtures';

/** Laws that hold for every package and call (CONVENTIONS.md "Tests"). */

const OWN_DID = '15145550100';
const context = { ownDids: new Set([OWN_DID]) };
const DESTINATIONS = [
  '12125551234',
  '15145551234',
  '5145551234',
  OWN_DID,
  '14165551234',
  '18765551234',
  '447700900123',
  '011442079460000',
  '441534123456',
  '33612345678',
  '77012345678',
  '*97',
];

const customRateArbitrary: fc.Arbitrary<CustomRate> = fc
  .tuple(
    fc.constantFrom<[CustomRate['scope'], string]>(
      ['usa', ''],
      ['canada', ''],
      ['prefix', '1514'],
      ['prefix', '1'],
      ['prefix', '44'],
      ['prefix', '447'],
      ['country', 'GB'],
      ['country', 'JM'],
      ['country', 'FR'],
      ['country', 'KZ'],
    ),
    fc.integer({ min: 0, max: 20_000_000 }),
    fc.boolean(),
  )
  .map(([[scope, value], rate, freeZone]) => customRate(0, scope, value, rate, freeZone)); // ids are given per package

const packageArbitrary: fc.Arbitrary<RatingPackage> = fc
  .record({
    markupFixed: fc.integer({ min: 0, max: 2_000_000 }),
    markupPercent: fc.integer({ min: 0, max: 1_000_000 }),
    pulseSeconds: fc.oneof(fc.constantFrom(1, 6, 30, 60), fc.integer({ min: 1, max: 120 })),
    freeOnNet: fc.boolean(),
    freeMinutes: fc.integer({ min: 0, max: 30 }),
    customRates: fc.array(customRateArbitrary, { maxLength: 6 }),
  })
  .map((input) => makePackage({ ...input, customRates: input.customRates.map((rate, index) => ({ ...rate, id: index + 1 })) }));

const callFields = {
  direction: fc.constantFrom<CallRecord['direction']>('outbound', 'outbound', 'inbound'),
  destination: fc.constantFrom(...DESTINATIONS),
  seconds: fc.integer({ min: 0, max: 4_000 }),
  disposition: fc.constantFrom<CallRecord['disposition']>('ANSWERED', 'ANSWERED', 'ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED'),
  costRate: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30_000_000 })),
  costTotal: fc.integer({ min: 0, max: 2_000_000 }),
  didRate: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined }),
  startedAt: fc
    .integer({ min: 0, max: 30 * 24 * 3600 - 1 })
    .map((offset) => new Date(Date.UTC(2024, 4, 1) + offset * 1000).toISOString().slice(0, 19).replace('T', ' ')),
};
const callArbitrary = fc.record(callFields).map((fields) => makeCall(fields));

/** Calls with distinct ids, as the provider's uniqueid guarantees. */
const cycleArbitrary = fc
  .array(fc.record(callFields), { maxLength: 40 })
  .map((calls) => calls.map((fields, index) => makeCall({ ...fields, callId: `u${(index * 7919) % 1000}-${index}` })));

function ratedOnly(results: readonly { status: string }[]): RatedCall[] {
  return results.filter((result): result is RatedCall => result.status === 'rated');
}

describe('rating properties', () => {
  it('a charge is never negative and profit is charge − cost', () => {
    fc.assert(
      fc.property(packageArbitrary, callArbitrary, fc.integer({ min: 0, max: 30 }), (pkg, call, freeMinutesLeft) => {
        const { result } = rateCall(compilePackage(pkg), call, context, freeMinutesLeft);
        expect(result.status).toBe('rated');
        if (result.status !== 'rated') return;
        expect(result.charge).toBeGreaterThanOrEqual(0);
        expect(Number.isSafeInteger(result.charge)).toBe(true);
        expect(result.profit).toBe(result.charge - call.costTotal);
      }),
    );
  });

  it('a charge never decreases when the call gets longer (no free minutes)', () => {
    fc.assert(
      fc.property(
        packageArbitrary,
        callArbitrary,
        fc.integer({ min: 0, max: 4_000 }),
        fc.integer({ min: 0, max: 4_000 }),
        (pkg, call, a, b) => {
          const compiled = compilePackage(pkg);
          const [shorter, longer] = a <= b ? [a, b] : [b, a];
          const charge = (seconds: number): number => {
            const { result } = rateCall(compiled, { ...call, seconds }, context, 0);
            return result.status === 'rated' ? result.charge : Number.NaN;
          };
          expect(charge(shorter)).toBeLessThanOrEqual(charge(longer));
        },
      ),
    );
  });

  it('billed seconds are a whole number of pulses covering the unpaid part of the call', () => {
    fc.assert(
      fc.property(packageArbitrary, callArbitrary, fc.integer({ min: 0, max: 30 }), (pkg, call, freeMinutesLeft) => {
        const { result } = rateCall(compilePackage(pkg), call, context, freeMinutesLeft);
        if (result.status !== 'rated') throw new Error('expected a rated call');
        expect(result.billedSeconds % pkg.pulseSeconds).toBe(0);
        if (result.rule === 'unanswered' || result.rule === 'zero_seconds') {
          expect(result.billedSeconds).toBe(0);
          return;
        }
        expect(result.billedSeconds + result.freeSecondsUsed).toBeGreaterThanOrEqual(call.seconds);
        if (result.freeMinutesUsed === 0) {
          expect(result.billedSeconds).toBeGreaterThanOrEqual(call.seconds);
          expect(result.billedSeconds).toBeLessThan(call.seconds + pkg.pulseSeconds);
        }
      }),
    );
  });

  it('a call billed without free minutes has billed seconds ≥ its seconds', () => {
    fc.assert(
      fc.property(packageArbitrary, callArbitrary, (pkg, call) => {
        const { result } = rateCall(compilePackage(pkg), call, context, 0);
        if (result.status !== 'rated' || call.disposition !== 'ANSWERED') return;
        expect(result.billedSeconds).toBeGreaterThanOrEqual(call.seconds);
        expect(result.freeMinutesUsed).toBe(0);
      }),
    );
  });

  it('a cycle rated in any order gives the same results and totals', () => {
    fc.assert(
      fc.property(packageArbitrary, cycleArbitrary, fc.integer(), (pkg, calls, seed) => {
        const compiled = compilePackage(pkg);
        const shuffled = fc.sample(fc.shuffledSubarray(calls, { minLength: calls.length, maxLength: calls.length }), {
          numRuns: 1,
          seed,
        })[0];
        expect(shuffled).toHaveLength(calls.length);
        const inOrder = rateCycle(compiled, calls, context);
        const reordered = rateCycle(compiled, shuffled ?? [], context);
        expect(reordered.results).toEqual(inOrder.results);
        expect(reordered.totals).toEqual(inOrder.totals);
        expect(reordered.freeMinutesLeft).toBe(inOrder.freeMinutesLeft);
      }),
    );
  });

  it('a cycle never uses more free minutes than the package gives', () => {
    fc.assert(
      fc.property(packageArbitrary, cycleArbitrary, (pkg, calls) => {
        const cycle = rateCycle(compilePackage(pkg), calls, context);
        const used = ratedOnly(cycle.results).reduce((sum, result) => sum + result.freeMinutesUsed, 0);
        expect(used).toBeLessThanOrEqual(pkg.freeMinutes);
        expect(used + cycle.freeMinutesLeft).toBe(pkg.freeMinutes);
        expect(cycle.totals.freeMinutesUsed).toBe(used);
      }),
    );
  });

  it('cycle totals are the sums of the per-call figures', () => {
    fc.assert(
      fc.property(packageArbitrary, cycleArbitrary, (pkg, calls) => {
        const cycle = rateCycle(compilePackage(pkg), calls, context);
        const results = ratedOnly(cycle.results);
        expect(cycle.totals.charge).toBe(results.reduce((sum, result) => sum + result.charge, 0));
        expect(cycle.totals.profit).toBe(results.reduce((sum, result) => sum + result.profit, 0));
        expect(cycle.results).toHaveLength(calls.length);
      }),
    );
  });

  it('free minutes never make a call dearer', () => {
    fc.assert(
      fc.property(packageArbitrary, callArbitrary, fc.integer({ min: 1, max: 30 }), (pkg, call, freeMinutesLeft) => {
        const compiled = compilePackage(pkg);
        const withFree = rateCall(compiled, call, context, freeMinutesLeft).result;
        const without = rateCall(compiled, call, context, 0).result;
        if (withFree.status !== 'rated' || without.status !== 'rated') throw new Error('expected rated calls');
        expect(withFree.charge).toBeLessThanOrEqual(without.charge);
      }),
    );
  });
});
