import { DISPLAY_LOCALE } from './format';

/**
 * Calendar days ("2026-11-25") as main stores them: billing dates and ledger dates have
 * no time of day, so they are shown in UTC and never shift to the day before west of Greenwich.
 */
const dayFormat = new Intl.DateTimeFormat(DISPLAY_LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The calendar date of an instant in the machine's time zone (what the reseller calls "today"). */
export function localDate(instant: Date): string {
  return `${pad(instant.getFullYear(), 4)}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** Today on this computer's calendar, the same day main's clock calls "today". */
export const todayIso = (now: Date = new Date()): string => localDate(now);

/** "2026-11-25" → "Nov 25, 2026". */
export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDay : dayFormat.format(date);
}
