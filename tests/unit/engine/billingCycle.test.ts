import { describe, expect, it } from 'vitest';
import { cycleStartFor, type BillingCycles } from '../../../main/engine';

/** Guide: free minutes "will be calculated from the invoice date for the package": a call belongs to the cycle its day falls in. */
const cycles: BillingCycles = {
  billingDay: 31,
  cycleStartDate: '2026-10-31',
  nextBillingDate: '2026-11-30',
  closed: [
    { start: '2026-09-12', end: '2026-09-30' },
    { start: '2026-09-30', end: '2026-10-31' },
  ],
};

describe('which billing cycle a call belongs to', () => {
  it.each([
    ['2026-10-31', '2026-10-31', 'the first day of the open cycle'],
    ['2026-11-29', '2026-10-31', 'the last day of the open cycle'],
    ['2026-11-30', '2026-11-30', 'the billing date starts the next cycle'],
    ['2026-12-30', '2026-11-30', 'two cycles ahead, still before Dec 31'],
    ['2026-12-31', '2026-12-31', 'back on the anchor day'],
    ['2027-03-01', '2027-02-28', 'February clamps the 31st'],
    ['2026-10-30', '2026-09-30', 'a closed period, as recorded'],
    ['2026-09-12', '2026-09-12', 'the first closed period starts on the connection day'],
    ['2026-09-11', '2026-08-31', 'before anything known: whole months back'],
    ['2026-07-15', '2026-06-30', 'further back, clamped'],
  ])('a call on %s is in the cycle from %s (%s)', (day, start) => {
    expect(cycleStartFor(day, cycles)).toBe(start);
  });

  it('without closed periods', () => {
    const open: BillingCycles = { billingDay: 15, cycleStartDate: '2026-11-03', nextBillingDate: '2026-11-15', closed: [] };
    expect(cycleStartFor('2026-11-10', open)).toBe('2026-11-03');
    expect(cycleStartFor('2026-11-02', open)).toBe('2026-10-15');
    expect(cycleStartFor('2027-01-20', open)).toBe('2027-01-15');
  });
});
