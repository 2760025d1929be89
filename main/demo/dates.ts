import { daysInMonth } from '../engine/billingDates';
import { localDate } from '../services/clock';

/** Calendar arithmetic on 'YYYY-MM-DD' (UTC math, no time zone can shift a day). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `months` months later (negative: earlier), clamped to the month's end. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const clamped = Math.min(date, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

/** An instant on a calendar day, in the machine's time zone (the services read "today" with localDate). */
export function atLocalTime(day: string, secondsOfDay: number): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date, Math.floor(secondsOfDay / 3600), Math.floor((secondsOfDay % 3600) / 60), secondsOfDay % 60);
}

/** Seconds since local midnight of an instant. */
export const secondsOfDay = (instant: Date): number => instant.getHours() * 3600 + instant.getMinutes() * 60 + instant.getSeconds();

const pad = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** 'YYYY-MM-DD HH:MM:SS', the provider's CDR date. */
export function cdrDate(day: string, seconds: number): string {
  return `${day} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** The demo's window: `months` months back from the day of `now`, through `now`. */
export function demoWindow(now: Date, months: number): { from: string; today: string } {
  const today = localDate(now);
  return { from: addMonths(today, -months), today };
}
