import { moneyToText } from '../money/decimal';
import { micros } from '../money/units';

/**
 * Call charges reach the ledger as one entry per client per day; when re-rating changes
 * that day, a correcting entry. Pure rules of those entries.
 */

/**
 * The entry that brings a client-day's ledger to what its rated calls cost: the calls
 * take `charged` micros from the balance, and `posted` (signed) is already there.
 * 0 means nothing to post.
 */
export function callDayCorrection(charged: number, posted: number): number {
  return -charged - posted;
}

/** "Calls on 2026-11-03: 57 rated calls", or the re-rated form once the day has an entry. */
export function callDayEntryDescription(day: string, calls: number, entriesBefore: number, delta: number): string {
  if (entriesBefore === 0) return `Calls on ${day}: ${calls} rated call${calls === 1 ? '' : 's'}`;
  return `Calls on ${day}: re-rated (${calls} calls, ${delta < 0 ? 'more' : 'less'} by ${moneyToText(micros(Math.abs(delta)))})`;
}
