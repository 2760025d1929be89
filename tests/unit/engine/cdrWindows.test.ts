import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cdrWindows, CDR_WINDOW_DAYS, daysIncluded, incrementalStart } from '../../../main/engine/cdrWindows';

describe('call pull windows (getResellerCDR: 92 days or less)', () => {
  it.each([
    ['one day', '2026-11-25', '2026-11-25', [['2026-11-25', '2026-11-25']]],
    ['exactly 92 days', '2026-01-01', '2026-04-02', [['2026-01-01', '2026-04-02']]],
    ['93 days: one more window of one day', '2026-01-01', '2026-04-03', [['2026-01-01', '2026-04-02'], ['2026-04-03', '2026-04-03']]],
    ['a year across a leap day', '2028-01-01', '2028-12-31', [['2028-01-01', '2028-04-01'], ['2028-04-02', '2028-07-02'], ['2028-07-03', '2028-10-02'], ['2028-10-03', '2028-12-31']]],
    ['to before from: nothing', '2026-11-25', '2026-11-24', []],
  ])('%s', (_name, from, to, expected) => {
    expect(cdrWindows(from, to).map((window) => [window.from, window.to])).toEqual(expected);
  });

  it('covers every day from `from` to `to` once, in order, each window at most 92 days', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2020-01-01', offset));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 800 }), (from, span) => {
        const to = addDays(from, span);
        const windows = cdrWindows(from, to);
        expect(windows[0]?.from).toBe(from);
        expect(windows.at(-1)?.to).toBe(to);
        for (const [index, window] of windows.entries()) {
          expect(daysIncluded(window.from, window.to)).toBeGreaterThanOrEqual(1);
          expect(daysIncluded(window.from, window.to)).toBeLessThanOrEqual(CDR_WINDOW_DAYS);
          if (index > 0) expect(window.from).toBe(addDays(windows[index - 1]!.to, 1));
        }
        expect(windows.reduce((sum, window) => sum + daysIncluded(window.from, window.to), 0)).toBe(span + 1);
      }),
    );
  });

  it('an incremental pull starts two days before the last day pulled; a first one 30 days back; never after today', () => {
    expect(incrementalStart('2026-11-20', '2026-11-25')).toBe('2026-11-18');
    expect(incrementalStart('2026-03-01', '2026-11-25')).toBe('2026-02-27');
    expect(incrementalStart(null, '2026-11-25')).toBe('2026-10-27');
    expect(incrementalStart('2026-11-30', '2026-11-25')).toBe('2026-11-25');
  });
});
