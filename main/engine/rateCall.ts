import { micros, rateE8, ZERO_MICROS } from '../money/units';
import { isUsaOrCanada, lookupDestination, normalizeDestination, type DestinationMatch } from './destinations';
import { chargeFor } from './charge';
import { roundUpToPulse, wholeMinutesRoundedUp } from './integerMath';
import { findCustomRate, markupSellRate, matchedPrefixOf, type CompiledPackage } from './sellRate';
import type { CallRating, CallRecord, RatedCall, RatingContext, RatingRule, UnratedCall, UnratedReason } from './types';

/**
 * Rating one call (DESIGN.md "Rating an answered call", rules 1-8).
 *
 * A rating starts as "no charge" and each rule refines it in the order the design
 * lists them. The result object is the only allocation on the way, which keeps a
 * month of calls (a million rows) well under a second.
 */

export interface CallRatingStep {
  result: CallRating;
  /** Free minutes still available to the next call of the cycle. */
  freeMinutesLeft: number;
}

const SECONDS_PER_MINUTE = 60;

function unrated(callId: string, reason: UnratedReason, message: string): UnratedCall {
  return { callId, status: 'unrated', reason, message };
}

/** Rule 8: a call that cannot be rated is reported with its reason, never dropped. */
function invalidCall(call: CallRecord): UnratedCall | null {
  if (!Number.isSafeInteger(call.seconds) || call.seconds < 0) {
    return unrated(call.callId, 'invalid_seconds', `Call ${call.callId} has an invalid duration (${String(call.seconds)} s)`);
  }
  if (!Number.isSafeInteger(call.costRate) || call.costRate < 0 || !Number.isSafeInteger(call.costTotal)) {
    return unrated(call.callId, 'invalid_cost', `Call ${call.callId} has an invalid provider rate or total`);
  }
  if (call.didRate !== undefined && (!Number.isSafeInteger(call.didRate) || call.didRate < 0)) {
    return unrated(call.callId, 'invalid_did_rate', `Call ${call.callId} came in on a DID with an invalid per-minute rate`);
  }
  return null;
}

function outOfRange(call: CallRecord): UnratedCall {
  const message = `Call ${call.callId} would cost more than the engine can represent exactly`;
  return unrated(call.callId, 'amount_out_of_range', message);
}

function noCharge(call: CallRecord, rule: RatingRule, normalized: string, destination: DestinationMatch | undefined): RatedCall {
  return {
    callId: call.callId,
    status: 'rated',
    rule,
    direction: call.direction,
    customRateId: null,
    matchedPrefix: null,
    freeZone: false,
    sellRate: rateE8(0),
    billedSeconds: 0,
    freeSecondsUsed: 0,
    freeMinutesUsed: 0,
    freeMinutesCover: 'none',
    charge: ZERO_MICROS,
    cost: call.costTotal,
    // Rule 7: profit = charge − provider cost (written 0 − cost so a zero cost is +0, not −0).
    profit: micros(0 - call.costTotal),
    destination: normalized,
    country: destination?.country ?? null,
    nanpRegion: destination?.nanpRegion ?? null,
    countryName: destination?.countryName ?? null,
  };
}

/**
 * Rule 2: "free on-net" makes outbound calls to the provider's own USA / Canada
 * numbers free. A number is on-net when it is one of the reseller's DIDs, or when the
 * provider itself charged nothing for the call to a NANP number.
 */
function isFreeOnNet(
  compiled: CompiledPackage,
  call: CallRecord,
  normalized: string,
  destination: DestinationMatch | undefined,
  context: RatingContext,
): boolean {
  if (!compiled.freeOnNet || call.direction !== 'outbound' || !isUsaOrCanada(destination)) return false;
  return call.costTotal === 0 || call.costRate === 0 || context.ownDids.has(normalized);
}

/** Rules 3 and 5: the per-minute sell rate of an answered call; false when the markup overflows exact integers. */
function applySellRate(rating: RatedCall, compiled: CompiledPackage, call: CallRecord, destination: DestinationMatch | undefined): boolean {
  if (call.direction === 'inbound') {
    rating.rule = 'inbound_did';
    rating.sellRate = call.didRate ?? rateE8(0);
    return true;
  }
  const customRate = findCustomRate(compiled, rating.destination, destination);
  if (customRate === undefined) {
    const sellRate = markupSellRate(compiled, call.costRate);
    if (!Number.isSafeInteger(sellRate)) return false;
    rating.rule = 'markup';
    rating.sellRate = rateE8(sellRate);
    return true;
  }
  rating.rule = 'custom_rate';
  rating.sellRate = customRate.rate;
  rating.customRateId = customRate.id;
  rating.matchedPrefix = matchedPrefixOf(customRate, destination);
  rating.freeZone = customRate.freeZone;
  return true;
}

/**
 * Rules 4 and 6. Guide: free minutes count "total rounded minutes (3 minutes 11
 * seconds will be calculated as 4 minutes)"; inbound calls and free-zone calls spend
 * them. A call that fits what is left is free; one that does not spends all that is
 * left and pays its remaining seconds with the pulse rule.
 */
function applyFreeMinutesAndPulse(rating: RatedCall, seconds: number, pulseSeconds: number, freeMinutesLeft: number): void {
  let billableSeconds = seconds;
  const spendsFreeMinutes = rating.rule === 'inbound_did' || rating.freeZone;
  if (spendsFreeMinutes && freeMinutesLeft > 0) {
    const callMinutes = wholeMinutesRoundedUp(seconds);
    if (callMinutes <= freeMinutesLeft) {
      rating.freeMinutesUsed = callMinutes;
      rating.freeSecondsUsed = seconds;
      rating.freeMinutesCover = 'whole_call';
      billableSeconds = 0;
    } else {
      rating.freeMinutesUsed = freeMinutesLeft;
      rating.freeSecondsUsed = freeMinutesLeft * SECONDS_PER_MINUTE;
      rating.freeMinutesCover = 'part_of_call';
      billableSeconds = seconds - rating.freeSecondsUsed;
    }
  }
  rating.billedSeconds = roundUpToPulse(billableSeconds, pulseSeconds);
}

/** The rating of one call given the free minutes left in its cycle (the caller deducts `freeMinutesUsed`). */
export function rateOneCall(
  compiled: CompiledPackage | null | undefined,
  call: CallRecord,
  context: RatingContext,
  freeMinutesLeft: number,
): CallRating {
  if (compiled === null || compiled === undefined) {
    return unrated(call.callId, 'no_package', `Call ${call.callId} has no package to rate it with`);
  }
  const invalid = invalidCall(call);
  if (invalid !== null) return invalid;

  const normalized = normalizeDestination(call.destination);
  const destination = lookupDestination(normalized);
  // Rule 1: only answered calls with a duration cost anything.
  if (call.disposition !== 'ANSWERED') return noCharge(call, 'unanswered', normalized, destination);
  if (call.seconds === 0) return noCharge(call, 'zero_seconds', normalized, destination);
  if (isFreeOnNet(compiled, call, normalized, destination, context)) {
    const rating = noCharge(call, 'on_net_free', normalized, destination);
    rating.billedSeconds = roundUpToPulse(call.seconds, compiled.pulseSeconds);
    return rating;
  }

  const rating = noCharge(call, 'markup', normalized, destination);
  if (!applySellRate(rating, compiled, call, destination)) return outOfRange(call);
  applyFreeMinutesAndPulse(rating, call.seconds, compiled.pulseSeconds, freeMinutesLeft);
  // Rule 7: charge = sell rate × billed seconds / 60, one half-up rounding to a micro.
  const charge = chargeFor(rating.sellRate, rating.billedSeconds);
  // Profit = charge − provider cost; negative when the client pays less than the provider charged.
  const profit = charge - call.costTotal;
  if (!Number.isSafeInteger(profit)) return outOfRange(call);
  rating.charge = micros(charge);
  rating.profit = micros(profit);
  return rating;
}

/** Rates one call against a compiled package, given the free minutes left in its cycle. */
export function rateCall(
  compiled: CompiledPackage | null | undefined,
  call: CallRecord,
  context: RatingContext,
  freeMinutesLeft: number,
): CallRatingStep {
  const result = rateOneCall(compiled, call, context, freeMinutesLeft);
  return { result, freeMinutesLeft: result.status === 'rated' ? freeMinutesLeft - result.freeMinutesUsed : freeMinutesLeft };
}
