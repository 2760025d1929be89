import { rateE8, type RateE8 } from '../money/units';
import { DigitTrie } from './digitTrie';
import { describeDestination, lookupDestination, normalizeDestination, type DestinationMatch } from './destinations';
import { multiplyDivideHalfUp } from './integerMath';
import {
  EngineError,
  type CustomRate,
  type CustomRateScope,
  type RatingPackage,
  type SellRateMatch,
} from './types';

/**
 * Sell rate per minute (DESIGN rule 3): the custom rate whose prefix matches the
 * destination longest, else the package markup on the provider's cost rate.
 */

export interface CompiledCustomRate {
  readonly id: number;
  readonly scope: CustomRateScope;
  /** 'prefix' digits, upper-case country code, or '' for the NANP buckets. */
  readonly value: string;
  readonly rate: RateE8;
  readonly freeZone: boolean;
  /** Breaks ties between equally long matches: the digits a reseller typed beat a bucket, a bucket beats a country. */
  readonly tieRank: number;
}

/** A package ready to rate many calls: custom rates indexed once, validated once. */
export interface CompiledPackage {
  readonly packageId: number;
  readonly pulseSeconds: number;
  readonly freeOnNet: boolean;
  readonly freeMinutes: number;
  readonly markupFixed: number;
  /** 1 + percent/100, scaled by 1e6 (20 % → 1_200_000). */
  readonly markupFactorE6: number;
  readonly prefixRates: DigitTrie<CompiledCustomRate>;
  readonly countryRates: ReadonlyMap<string, CompiledCustomRate>;
  /** 'US' → the USA bucket, 'CA' → the Canada bucket: NANP numbers by area code. */
  readonly nanpBucketRates: ReadonlyMap<string, CompiledCustomRate>;
}

const PERCENT_E4_SCALE = 1_000_000; // 100 % in PercentE4
const SCOPE_TIE_RANK: Record<CustomRateScope, number> = { prefix: 3, usa: 2, canada: 2, country: 1 };
const DIGITS_ONLY = /^\d+$/;

/** The key a custom rate is indexed under, or null when it can never match (findCustomRateConflicts explains why). */
function customRateKey(customRate: Pick<CustomRate, 'scope' | 'value'>): string | null {
  const value = customRate.value.trim();
  switch (customRate.scope) {
    case 'usa':
      return 'US';
    case 'canada':
      return 'CA';
    case 'prefix':
      return DIGITS_ONLY.test(value) ? value : null;
    case 'country':
      return /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : null;
  }
}

function assertPackage(pkg: RatingPackage): void {
  const problems: string[] = [];
  if (!Number.isSafeInteger(pkg.pulseSeconds) || pkg.pulseSeconds < 1) problems.push('pulse must be a whole number of seconds ≥ 1');
  if (!Number.isSafeInteger(pkg.freeMinutes) || pkg.freeMinutes < 0) problems.push('free minutes must be a whole number ≥ 0');
  if (!Number.isSafeInteger(pkg.markupFixed)) problems.push('the fixed markup must be an integer rate');
  // Below −100 % the guide's formula would pay the client to call.
  if (!Number.isSafeInteger(pkg.markupPercent) || pkg.markupPercent < -PERCENT_E4_SCALE) {
    problems.push('the markup percentage must be at least −100 %');
  }
  for (const customRate of pkg.customRates) {
    if (!Number.isSafeInteger(customRate.rate) || customRate.rate < 0) {
      problems.push(`custom rate ${customRate.id} must have a rate ≥ 0`);
    }
  }
  if (problems.length > 0) {
    throw new EngineError('invalid_package', `Package ${pkg.id} cannot be used for rating: ${problems.join('; ')}`);
  }
}

/** Keeps the lowest id when two custom rates claim the same destinations, so the result never depends on input order. */
function keepLowestId(map: Map<string, CompiledCustomRate>, key: string, rate: CompiledCustomRate): void {
  const existing = map.get(key);
  if (existing === undefined || rate.id < existing.id) map.set(key, rate);
}

export function compilePackage(pkg: RatingPackage): CompiledPackage {
  assertPackage(pkg);
  const prefixes = new Map<string, CompiledCustomRate>();
  const countryRates = new Map<string, CompiledCustomRate>();
  const nanpBucketRates = new Map<string, CompiledCustomRate>();
  for (const customRate of pkg.customRates) {
    const key = customRateKey(customRate);
    if (key === null) continue;
    const compiled: CompiledCustomRate = {
      id: customRate.id,
      scope: customRate.scope,
      value: customRate.scope === 'usa' || customRate.scope === 'canada' ? '' : key,
      rate: customRate.rate,
      freeZone: customRate.freeZone,
      tieRank: SCOPE_TIE_RANK[customRate.scope],
    };
    const target = customRate.scope === 'prefix' ? prefixes : customRate.scope === 'country' ? countryRates : nanpBucketRates;
    keepLowestId(target, key, compiled);
  }
  const prefixRates = new DigitTrie<CompiledCustomRate>();
  for (const [digits, rate] of prefixes) prefixRates.set(digits, rate);
  return {
    packageId: pkg.id,
    pulseSeconds: pkg.pulseSeconds,
    freeOnNet: pkg.freeOnNet,
    freeMinutes: pkg.freeMinutes,
    markupFixed: pkg.markupFixed,
    markupFactorE6: PERCENT_E4_SCALE + pkg.markupPercent,
    prefixRates,
    countryRates,
    nanpBucketRates,
  };
}

function beats(
  candidate: CompiledCustomRate,
  length: number,
  best: CompiledCustomRate | undefined,
  bestLength: number,
): boolean {
  if (best === undefined || length > bestLength) return true;
  return length === bestLength && candidate.tieRank > best.tieRank;
}

/**
 * The custom rate for a normalised destination, or undefined.
 * Length of the matched prefix decides ("a longer prefix beats a shorter one"): a
 * 'prefix' rate counts its digits, a country counts the digits that identify it
 * ('44' for GB, '1876' for Jamaica), the USA / Canada buckets count '1' + area code.
 * On equal length the rate with the higher tie rank wins.
 */
export function findCustomRate(
  compiled: CompiledPackage,
  normalized: string,
  destination: DestinationMatch | undefined,
): CompiledCustomRate | undefined {
  let best = compiled.prefixRates.longestPrefixValue(normalized);
  let bestLength = best === undefined ? 0 : best.value.length;
  if (destination !== undefined && destination.country !== null) {
    const length = destination.prefix.length;
    if (destination.nanpRegion !== null) {
      const bucket = compiled.nanpBucketRates.get(destination.nanpRegion);
      if (bucket !== undefined && beats(bucket, length, best, bestLength)) {
        best = bucket;
        bestLength = length;
      }
    }
    const country = compiled.countryRates.get(destination.country);
    if (country !== undefined && beats(country, length, best, bestLength)) best = country;
  }
  return best;
}

/** The digits a custom rate matched on: its own digits, or the country / area-code prefix. */
export function matchedPrefixOf(customRate: CompiledCustomRate, destination: DestinationMatch | undefined): string | null {
  if (customRate.scope === 'prefix') return customRate.value;
  return destination?.prefix ?? null;
}

/**
 * Guide: "([cost rate] + $ fixed amount) * 20 %", e.g. 0.01 + 0 at 20 % → 0.012.
 * One half-up rounding to the 8-decimal rate unit. A negative fixed markup cannot
 * make the rate negative: a client is never paid for calling.
 */
export function markupSellRate(compiled: CompiledPackage, costRate: RateE8): number {
  return sellRateOfMarkup(costRate, compiled.markupFixed, compiled.markupFactorE6);
}

/**
 * The same formula for a markup not compiled into a package: a package list row, or the
 * markups the editor shows before they are saved.
 */
export function markupRateOf(markup: Pick<RatingPackage, 'markupFixed' | 'markupPercent'>, costRate: RateE8): RateE8 {
  return rateE8(sellRateOfMarkup(costRate, markup.markupFixed, PERCENT_E4_SCALE + markup.markupPercent));
}

function sellRateOfMarkup(costRate: number, markupFixed: number, markupFactorE6: number): number {
  const base = costRate + markupFixed;
  if (base <= 0) return 0;
  return multiplyDivideHalfUp(base, markupFactorE6, PERCENT_E4_SCALE);
}

/** For the price preview and the price list: what a client pays per minute to a destination, and why. */
export function matchSellRate(compiled: CompiledPackage, destination: string, costRate: RateE8): SellRateMatch {
  const normalized = normalizeDestination(destination);
  const match = lookupDestination(normalized);
  const classified = describeDestination(normalized, match);
  const customRate = findCustomRate(compiled, normalized, match);
  if (customRate !== undefined) {
    return {
      sellRate: customRate.rate,
      rule: 'custom_rate',
      customRateId: customRate.id,
      customRateScope: customRate.scope,
      matchedPrefix: matchedPrefixOf(customRate, match),
      freeZone: customRate.freeZone,
      destination: classified,
    };
  }
  return {
    sellRate: rateE8(markupSellRate(compiled, costRate)),
    rule: 'markup',
    customRateId: null,
    customRateScope: null,
    matchedPrefix: null,
    freeZone: false,
    destination: classified,
  };
}
