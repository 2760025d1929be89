import { describe, expect, it } from 'vitest';
import { planSlices } from '../../../main/services/calls/cdrExport';

/** A time "YYYY-MM-DD HH:MM:SS" from seconds after 2026-01-01 (as the slices read it: only its order matters). */
const at = (seconds: number): string => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** A small deterministic generator (the test's data must be the same on every run). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const within = (time: string, slice: { from: string | null; before: string | null }): boolean =>
  (slice.from === null || time >= slice.from) && (slice.before === null || time < slice.before);

describe('planSlices', () => {
  it('puts every call of the span in exactly one slice, slices in time order, open at both ends', () => {
    const random = lcg(7);
    for (let round = 0; round < 200; round += 1) {
      const span = Math.floor(random() * 90 * 86_400);
      const total = 1 + Math.floor(random() * 5_000);
      const times = Array.from({ length: 50 }, () => at(Math.floor(random() * (span + 1))));
      const first = at(0);
      const last = at(span);
      times.push(first, last);
      const slices = planSlices(first, last, total, 1 + Math.floor(random() * 400));
      expect(slices[0]!.from).toBeNull();
      expect(slices.at(-1)!.before).toBeNull();
      for (let k = 1; k < slices.length; k += 1) {
        expect(slices[k]!.from).toBe(slices[k - 1]!.before);
        expect(slices[k]!.from! > (slices[k - 1]!.from ?? '')).toBe(true);
      }
      for (const time of times) expect(slices.filter((slice) => within(time, slice))).toHaveLength(1);
    }
  });

  it('cuts about total / sliceRows slices, never more than a thousand, and one when all calls share a second', () => {
    expect(planSlices(at(0), at(86_400), 1_000_000, 25_000)).toHaveLength(40);
    expect(planSlices(at(0), at(86_400 * 365), 100_000_000, 25_000)).toHaveLength(1_000);
    expect(planSlices(at(0), at(86_400), 10, 25_000)).toEqual([{ from: null, before: null }]);
    expect(planSlices(at(5), at(5), 1_000_000, 25_000)).toEqual([{ from: null, before: null }]);
    // Two seconds apart: one cut, on a whole second between them.
    expect(planSlices(at(5), at(7), 1_000_000, 25_000)).toEqual([
      { from: null, before: at(6) },
      { from: at(6), before: null },
    ]);
  });
});
