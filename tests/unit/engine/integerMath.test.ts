import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divideHalfUp,
  divideHalfUpNumber,
  multiplyDivideHalfUp,
  roundUpToPulse,
  wholeMinutesRoundedUp,
} from '../../../main/engine';

describe('divideHalfUp (BigInt)', () => {
  it.each([
    [0n, 7n, 0n],
    [4n, 2n, 2n],
    [5n, 2n, 3n], // exactly half rounds up
    [7n, 3n, 2n], // 2.33
    [8n, 3n, 3n], // 2.67
    [2999n, 6000n, 0n], // 0.4998
    [3000n, 6000n, 1n], // 0.5
    [-5n, 2n, -3n], // half away from zero, like decimalToMicros
    [-7n, 3n, -2n],
    [100_000_000_000_000_000n, 6000n, 16_666_666_666_667n],
  ])('%s / %s = %s', (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideHalfUp(1n, -2n)).toThrow(RangeError);
  });
});

describe('divideHalfUpNumber', () => {
  it.each([
    [5, 2, 3],
    [7, 3, 2],
    [3000, 6000, 1],
    [2999, 6000, 0],
    [-5, 2, -3],
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER, 2, 4_503_599_627_370_496], // 4503599627370495.5 → up
    [Number.MAX_SAFE_INTEGER - 1, 3, 3_002_399_751_580_330], // exact
  ])('%s / %s = %s', (numerator, denominator, expected) => {
    expect(divideHalfUpNumber(numerator, denominator)).toBe(expected);
  });

  it('refuses floats and unsafe integers', () => {
    expect(() => divideHalfUpNumber(1.5, 2)).toThrow(RangeError);
    expect(() => divideHalfUpNumber(2 ** 53, 2)).toThrow(RangeError);
    expect(() => divideHalfUpNumber(1, 0)).toThrow(RangeError);
  });

  it('agrees with BigInt for any safe integers', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (numerator, denominator) => {
          const expected = divideHalfUp(BigInt(numerator), BigInt(denominator));
          expect(BigInt(divideHalfUpNumber(numerator, denominator))).toBe(expected);
        },
      ),
    );
  });
});

describe('multiplyDivideHalfUp', () => {
  it('is exact when the product exceeds MAX_SAFE_INTEGER', () => {
    // 9e9 × 1.2e6 = 1.08e16 > 2^53: a double product would already be rounded.
    expect(multiplyDivideHalfUp(9_000_000_001, 1_200_000, 1_000_000)).toBe(10_800_000_001);
    expect(multiplyDivideHalfUp(1_000_000_000_000, 100_000, 6000)).toBe(16_666_666_666_667);
  });

  it('agrees with BigInt arithmetic for any non-negative safe operands', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 30 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (a, b, denominator) => {
          const expected = divideHalfUp(BigInt(a) * BigInt(b), BigInt(denominator));
          const actual = multiplyDivideHalfUp(a, b, denominator);
          if (expected <= BigInt(Number.MAX_SAFE_INTEGER)) expect(BigInt(actual)).toBe(expected);
          else expect(Number.isSafeInteger(actual)).toBe(false);
        },
      ),
    );
  });
});

describe('pulse and whole minutes', () => {
  it.each([
    [0, 6, 0],
    [1, 6, 6],
    [6, 6, 6],
    [7, 6, 12],
    [61, 1, 61],
    [31, 30, 60],
    [61, 60, 120],
  ])('%s s at pulse %s is billed %s s', (seconds, pulse, billed) => {
    expect(roundUpToPulse(seconds, pulse)).toBe(billed);
  });

  it.each([
    [0, 0],
    [1, 1],
    [60, 1],
    [61, 2],
    [191, 4], // Guide: 3 minutes 11 seconds is 4 minutes
  ])('%s s is %s whole minutes', (seconds, minutes) => {
    expect(wholeMinutesRoundedUp(seconds)).toBe(minutes);
  });
});
