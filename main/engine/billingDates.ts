/**
 * Billing-cycle date arithmetic on 'YYYY-MM-DD' strings (pure, no clock).
 * Guide: fees are whole months; a cycle anchored on the 31st falls on the last day of
 * shorter months and returns to the 31st when it can (Jan 31 → Feb 28/29 → Mar 31).
 */
function parts(date: string): [number, number, number] {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Days in a month (1-12) of the Gregorian calendar: the one copy (CDR dates, cycles, the demo). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The calendar day after 'YYYY-MM-DD'. */
export function nextDay(date: string): string {
  const [year, month, day] = parts(date);
  if (day < daysInMonth(year, month)) return `${pad(year, 4)}-${pad(month)}-${pad(day + 1)}`;
  if (month < 12) return `${pad(year, 4)}-${pad(month + 1)}-01`;
  return `${pad(year + 1, 4)}-01-01`;
}

/** The billing date one month after `date`, on the cycle's anchor day, clamped to the month's end. */
export function nextCycleDate(date: string, anchorDay: number): string {
  const [year, month] = parts(date);
  const nextMonth = month === 12 ? 1 : month + 1;
  const nextYear = month === 12 ? year + 1 : year;
  const day = Math.min(anchorDay, daysInMonth(nextYear, nextMonth));
  return `${pad(nextYear, 4)}-${pad(nextMonth)}-${pad(day)}`;
}

/** Every billing date from `nextBillingDate` up to and including `runDate`, in order (missed cycles too). */
export function dueCycleDates(nextBillingDate: string, anchorDay: number, runDate: string, limit = 1200): string[] {
  const dates: string[] = [];
  let date = nextBillingDate;
  while (date <= runDate && dates.length < limit) {
    dates.push(date);
    date = nextCycleDate(date, anchorDay);
  }
  return dates;
}

export function dayOfMonth(date: string): number {
  return parts(date)[2];
}

/** The first day of the month a date is in. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The billing date one month before `date`, on the anchor day, clamped to the month's end. */
export function previousCycleDate(date: string, anchorDay: number): string {
  const [year, month] = parts(date);
  const previousMonth = month === 1 ? 12 : month - 1;
  const previousYear = month === 1 ? year - 1 : year;
  const day = Math.min(anchorDay, daysInMonth(previousYear, previousMonth));
  return `${pad(previousYear, 4)}-${pad(previousMonth)}-${pad(day)}`;
}

/** The calendar day before 'YYYY-MM-DD'. */
export function previousDay(date: string): string {
  const [year, month, day] = parts(date);
  if (day > 1) return `${pad(year, 4)}-${pad(month)}-${pad(day - 1)}`;
  if (month > 1) return `${pad(year, 4)}-${pad(month - 1)}-${pad(daysInMonth(year, month - 1))}`;
  return `${pad(year - 1, 4)}-12-31`;
}
