import { describe, expect, it } from 'vitest';
import { daysInMonth, dueCycleDates, nextCycleDate, nextDay } from '../../../main/engine/billingDates';

describe('billing cycle dates', () => {
  it.each([
    ['2026-01-31', 31, '2026-02-28'],
    ['2026-02-28', 31, '2026-03-31'],
    ['2028-01-31', 31, '2028-02-29'],
    ['2028-02-29', 31, '2028-03-31'],
    ['2026-04-30', 31, '2026-05-31'],
    ['2026-01-30', 30, '2026-02-28'],
    ['2026-02-28', 30, '2026-03-30'],
    ['2026-12-15', 15, '2027-01-15'],
    ['2026-01-29', 29, '2026-02-28'],
    ['2024-01-29', 29, '2024-02-29'],
    ['2100-01-31', 31, '2100-02-28'],
    ['2000-01-31', 31, '2000-02-29'],
  ])('after %s (anchored on the %i) comes %s', (date, anchor, expected) => {
    expect(nextCycleDate(date, anchor)).toBe(expected);
  });

  it('lists every missed cycle in order, up to and including the run date', () => {
    expect(dueCycleDates('2026-01-31', 31, '2026-05-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(dueCycleDates('2026-01-31', 31, '2026-05-31')).toHaveLength(5);
    expect(dueCycleDates('2026-06-01', 1, '2026-05-31')).toEqual([]);
  });

  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ['2026-11-03', '2026-11-04'],
    ['2026-11-30', '2026-12-01'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
    ['2026-02-28', '2026-03-01'],
  ])('the day after %s is %s', (day, expected) => {
    expect(nextDay(day)).toBe(expected);
  });
});
