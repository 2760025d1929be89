import { localDate } from '../../../preload/common/dates';

/** 'YYYY-MM' of today, in the reseller's time zone. */
export const thisMonth = (now: Date = new Date()): string => localDate(now).slice(0, 7);

/** The month `count` months before 'YYYY-MM' (negative: after). */
export function monthsBefore(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const monthNames = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2026-11' → 'Nov 2026'. */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return monthNames.format(new Date(Date.UTC(year, number - 1, 1)));
}
