/**
 * Which days a call pull asks the provider for (issue 12). Pure: dates in, dates out.
 * The provider answers getResellerCDR for at most 92 days at a time ("Date Range should
 * be 92 days or less", invalid_daterange); both ends are whole days and both are included.
 */

/** Days one getResellerCDR asks for at most, both ends included. */
export const CDR_WINDOW_DAYS = 92;

/**
 * Days read again before the last day pulled: the provider writes a call's record when the
 * call ends (one that began before midnight lands on a day already pulled), and a day pulled
 * while it was still going on was not complete. Calls read twice are skipped by their id.
 */
export const PULL_OVERLAP_DAYS = 2;

/** Days of calls a client's first pull reads when no start is given. */
export const FIRST_PULL_DAYS = 30;

export interface DayWindow {
  /** 'YYYY-MM-DD', included. */
  from: string;
  /** 'YYYY-MM-DD', included. */
  to: string;
}

const DAY_MS = 86_400_000;

function toDayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative: back). */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`, both included (1 for the same day). */
export function daysIncluded(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

/** `from`…`to` cut into consecutive windows of at most `maxDays` days, oldest first; none when `to` is before `from`. */
export function cdrWindows(from: string, to: string, maxDays = CDR_WINDOW_DAYS): DayWindow[] {
  if (maxDays < 1) throw new RangeError('maxDays must be at least 1');
  const windows: DayWindow[] = [];
  const last = toDayNumber(to);
  for (let start = toDayNumber(from); start <= last; start += maxDays) {
    windows.push({ from: fromDayNumber(start), to: fromDayNumber(Math.min(start + maxDays - 1, last)) });
  }
  return windows;
}

/**
 * Where a client's incremental pull starts: `overlap` days before the last day pulled, or
 * FIRST_PULL_DAYS before `today` on a first pull. Never after `today`.
 */
export function incrementalStart(lastPulledTo: string | null, today: string, overlap = PULL_OVERLAP_DAYS): string {
  const start = lastPulledTo === null ? addDays(today, -(FIRST_PULL_DAYS - 1)) : addDays(lastPulledTo, -overlap);
  return start < today ? start : today;
}
