import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../main/sync/backoff';
import { wireDecimal } from '../../../main/sync/outbox';

describe('backoff with jitter (issue 12)', () => {
  it.each([
    [1, 0, 2_500],
    [1, 0.5, 3_750],
    [1, 0.999999, 5_000],
    [2, 0, 5_000],
    [3, 0, 10_000],
    [3, 1, 20_000],
    [20, 0, 450_000],
    [20, 1, 900_000],
  ])('attempt %i with random %f waits %i ms', (attempts, random, wait) => {
    expect(backoffDelay(attempts, random)).toBe(wait);
  });

  it('stays within [step/2, step], grows with the attempts and never passes the ceiling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempts, random) => {
        const step = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** Math.min(attempts - 1, 30));
        const wait = backoffDelay(attempts, random);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(wait).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
        expect(backoffDelay(attempts + 1, random)).toBeGreaterThanOrEqual(wait);
      }),
    );
  });
});

describe('decimals on the wire', () => {
  it.each([
    [25_000_000, 6, '25.00'],
    [4_500_000, 6, '4.50'],
    [123_400, 6, '0.1234'],
    [1, 6, '0.000001'],
    [0, 6, '0.00'],
    [1_250_000, 8, '0.0125'],
    [3_000_000, 8, '0.03'],
  ])('%i at %i decimals is "%s"', (scaled, decimals, text) => {
    expect(wireDecimal(scaled, decimals)).toBe(text);
  });
});
