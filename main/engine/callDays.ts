import { moneyToText } from '../money/decimal';
import { micros } from '../money/units';
import { plural } from '../../preload/common/plural';

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

/** A client-day whose call charges the ledger door refused (issue 9): left pending, never lost. */
export interface SetAsideCallDay {
  clientId: number;
  clientName: string;
  day: string;
  /** The door's reason (which limit, the balance it would reach). */
  message: string;
}

const DAYS_NAMED = 3;

function daysText(days: readonly string[]): string {
  const named = days.slice(0, DAYS_NAMED).join(', ');
  const more = days.length - DAYS_NAMED;
  return more > 0 ? `${named} and ${more} more` : named;
}

/**
 * The notice a client gets when its call charges were set aside: which days, why, and what
 * brings them in (`days` in order, `message` the first refusal's reason).
 */
export function setAsideNoticeText(clientName: string, days: readonly string[], message: string): string {
  return (
    `${clientName}'s calls of ${days.length === 1 ? days[0] : `${days.length} days (${daysText(days)})`} are not charged yet: ${message}. ` +
    'They stay pending and are charged by the next import, re-rate or start of the app once the balance is back in range (a payment or a reversal).'
  );
}

/**
 * One line for an import's or a start's report: how many client-days were set aside and
 * for whom, or null when none were.
 */
export function setAsideSummary(setAside: readonly SetAsideCallDay[]): string | null {
  if (setAside.length === 0) return null;
  const byClient = new Map<number, { name: string; days: string[]; message: string }>();
  for (const { clientId, clientName, day, message } of setAside) {
    const client = byClient.get(clientId) ?? { name: clientName, days: [], message };
    client.days.push(day);
    byClient.set(clientId, client);
  }
  const clients = [...byClient.values()];
  const named = clients
    .slice(0, DAYS_NAMED)
    .map((client) => `${client.name} (${daysText(client.days)}: ${client.message})`)
    .join('; ');
  const more = clients.length - DAYS_NAMED;
  const days = plural(setAside.length, 'client-day', 'client-days');
  return (
    `Call charges of ${days} were not posted, the balance limit refused them: ${named}${more > 0 ? `; and ${more} more clients` : ''}. ` +
    'They stay pending and are posted once the balance is back in range; every other call was charged.'
  );
}

/** A report's message with the set-aside summary after it (an import's own message first); null when both are empty. */
export function withSetAsideSummary(message: string | null, setAside: readonly SetAsideCallDay[]): string | null {
  const summary = setAsideSummary(setAside);
  if (summary === null) return message;
  return message === null || message === '' ? summary : `${message} ${summary}`;
}
