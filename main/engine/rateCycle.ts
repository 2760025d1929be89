import { micros, type Micros } from '../money/units';
import { rateOneCall } from './rateCall';
import type { CompiledPackage } from './sellRate';
import type { CallRating, CallRecord, RatingContext } from './types';

/**
 * Rating one billing cycle (DESIGN rule 6): free minutes are allocated in call
 * order, start time then the provider's call id, so a late CDR re-rates the cycle
 * the same way whatever order the calls were imported in.
 */

/**
 * Start time, then call id compared as plain strings (never by locale: "10" sorts
 * before "9"). The last keys only make the order total for malformed duplicates.
 */
export function compareCallsChronologically(a: CallRecord, b: CallRecord): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  if (a.callId !== b.callId) return a.callId < b.callId ? -1 : 1;
  if (a.direction !== b.direction) return a.direction < b.direction ? -1 : 1;
  if (a.destination !== b.destination) return a.destination < b.destination ? -1 : 1;
  return a.seconds - b.seconds;
}

const INDEX_BITS = 2 ** 21; // cycles up to 2,097,152 calls take the fast path
const FIRST_YEAR = 2000;
const YEARS = 100;
const DASH = 45;
const SPACE = 32;
const COLON = 58;

/** Two decimal digits at `offset`, or -1. */
function twoDigits(text: string, offset: number): number {
  const tens = text.charCodeAt(offset) - 48;
  const units = text.charCodeAt(offset + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/**
 * 'YYYY-MM-DD HH:MM:SS' as a number with the same order as the text (a mixed-radix
 * number: month < 13, day < 32, hour < 24, minute < 60, second < 61), below 2^32;
 * -1 when the text is not in exactly that form with a year from 2000 to 2099.
 */
function startKey(text: string): number {
  if (text.length !== 19) return -1;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== SPACE) return -1;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return -1;
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const year = century * 100 + yearOfCentury - FIRST_YEAR;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 0 || yearOfCentury < 0 || year < 0 || year >= YEARS || month < 0 || month > 12 || day < 0 || day > 31) return -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
  return ((((year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute) * 61 + second;
}

/**
 * The calls in chronological order, without reordering the caller's array.
 * A cycle holds up to a million calls, so the order is found with one native
 * numeric sort of (start key, position) packed into a double; only calls that share
 * a start second go through the full comparison. Anything unusual (a malformed date,
 * a huge cycle) uses the comparison for everything: same order, just slower.
 */
export function chronologicalOrder(calls: readonly CallRecord[]): CallRecord[] {
  if (calls.length >= INDEX_BITS) return [...calls].sort(compareCallsChronologically);
  const packed = new Float64Array(calls.length);
  for (let index = 0; index < calls.length; index += 1) {
    const key = startKey(itemAt(calls, index).startedAt);
    if (key < 0) return [...calls].sort(compareCallsChronologically);
    packed[index] = key * INDEX_BITS + index;
  }
  packed.sort();
  const ordered: CallRecord[] = [];
  for (const value of packed) ordered.push(itemAt(calls, value % INDEX_BITS));
  // Calls that share a start second came out in input order: put them in call-id order.
  const startKeyAt = (position: number): number => Math.floor((packed[position] ?? 0) / INDEX_BITS);
  let runStart = 0;
  for (let position = 1; position <= packed.length; position += 1) {
    if (position < packed.length && startKeyAt(position) === startKeyAt(runStart)) continue;
    if (position - runStart > 1) sortRun(ordered, runStart, position);
    runStart = position;
  }
  return ordered;
}

/** An index the algorithm guarantees; a miss would be a bug, so it throws instead of rating garbage. */
function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index}`);
  return item;
}

const INSERTION_SORT_LIMIT = 16;

/**
 * Calls starting in the same second, put in call-id order in place. Such runs are
 * usually a handful of calls, where an insertion sort (no allocation) beats a general
 * sort; a long run (a bulk import stamped with one time) gets the general sort.
 */
function sortRun(ordered: CallRecord[], start: number, end: number): void {
  if (end - start > INSERTION_SORT_LIMIT) {
    const run = ordered.slice(start, end).sort(compareCallsChronologically);
    run.forEach((call, offset) => (ordered[start + offset] = call));
    return;
  }
  for (let position = start + 1; position < end; position += 1) {
    const call = itemAt(ordered, position);
    let hole = position;
    while (hole > start && compareCallsChronologically(itemAt(ordered, hole - 1), call) > 0) {
      ordered[hole] = itemAt(ordered, hole - 1);
      hole -= 1;
    }
    ordered[hole] = call;
  }
}

export interface CycleTotals {
  rated: number;
  unrated: number;
  charge: Micros;
  cost: Micros;
  profit: Micros;
  billedSeconds: number;
  freeMinutesUsed: number;
}

export interface CycleRating {
  /** One result per call, in chronological order. */
  results: CallRating[];
  freeMinutesLeft: number;
  /** Sums over the rated calls (unrated calls have no figures yet). */
  totals: CycleTotals;
}

/** Rates the calls of one billing cycle, starting with the package's free minutes. */
export function rateCycle(
  compiled: CompiledPackage | null | undefined,
  calls: readonly CallRecord[],
  context: RatingContext,
): CycleRating {
  const ordered = chronologicalOrder(calls);
  const results: CallRating[] = new Array<CallRating>(ordered.length);
  let freeMinutesLeft = compiled?.freeMinutes ?? 0;
  let rated = 0;
  let charge = 0;
  let cost = 0;
  let billedSeconds = 0;
  let freeMinutesUsed = 0;
  for (let index = 0; index < ordered.length; index += 1) {
    const result = rateOneCall(compiled, itemAt(ordered, index), context, freeMinutesLeft);
    results[index] = result;
    if (result.status !== 'rated') continue;
    freeMinutesLeft -= result.freeMinutesUsed;
    rated += 1;
    charge += result.charge;
    cost += result.cost;
    billedSeconds += result.billedSeconds;
    freeMinutesUsed += result.freeMinutesUsed;
  }
  return {
    results,
    freeMinutesLeft,
    totals: {
      rated,
      unrated: ordered.length - rated,
      charge: micros(charge),
      cost: micros(cost),
      profit: micros(charge - cost),
      billedSeconds,
      freeMinutesUsed,
    },
  };
}
