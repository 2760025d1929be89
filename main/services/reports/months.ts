import { Decimal } from 'decimal.js';
import { localDate } from '../../../preload/common/dates';
import { micros, moneyToText } from '../../money';

/** Micros as the reports send them: an exact decimal string. */
export const moneyText = (amount: number): string => moneyToText(micros(amount));

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}

/** The reseller's current month, on the injected clock. */
export const currentMonth = (now: Date): string => localDate(now).slice(0, 7);

/** part / whole × 100 to two decimals (half-up), or null when whole is 0. */
export function percentText(part: number, whole: number): string | null {
  if (whole === 0) return null;
  return new Decimal(part).div(whole).times(100).toFixed(2, Decimal.ROUND_HALF_UP);
}
