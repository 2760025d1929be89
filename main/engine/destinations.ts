import metadata from 'libphonenumber-js/metadata.min.json';
import { Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { normalizePhoneNumber } from '../../preload/common/phone';
import { DigitTrie } from './digitTrie';
import { patternPrefixes } from './patternPrefixes';
import type { DestinationClass } from './types';

/**
 * Destination → country, from libphonenumber-js metadata (not a hand-written table).
 *
 * Parsing a number with libphonenumber costs tens of microseconds; rating must cost
 * far less. So the metadata is compiled once, on first use, into a digit trie and a
 * destination is classified by walking its digits: the deepest node that carries a
 * country wins.
 *
 * - A calling code belongs to its "main" country (the first libphonenumber lists:
 *   GB for 44, RU for 7, US for 1), so a number libphonenumber cannot validate (such
 *   as the drama range +44 7700 900xxx) still lands in the right country.
 * - Other countries sharing a code get the longer prefixes libphonenumber uses to tell
 *   them apart: their "leading digits" (KZ: 7 → +77), or else the prefixes of their
 *   fixed-line and mobile patterns (JE: +44 1534…). Every derived prefix is checked
 *   by parsing a sample number with libphonenumber, and kept only when it agrees.
 * - NANP (+1) numbers are classified by area code: each NXX from 200 to 999 is parsed
 *   once. Area codes libphonenumber does not place (unassigned) have no country.
 * - The number's length never matters: the prefixes decide, so a short or long number
 *   of a code with one country is that country (+49 30 123456 is Germany). Golden
 *   cases: tests/unit/engine/countryRates.test.ts.
 */

export interface DestinationMatch {
  readonly country: string | null;
  /** The area code's country for +1 numbers, else null. */
  readonly nanpRegion: string | null;
  readonly countryName: string | null;
  readonly callingCode: string;
  /** The leading digits that decided the country ('44', '1514', '77'). */
  readonly prefix: string;
}

const NANP_CALLING_CODE = '1';

let countryNames: Intl.DisplayNames | null | undefined;
function countryName(country: string): string | null {
  if (countryNames === undefined) {
    try {
      countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
    } catch {
      countryNames = null;
    }
  }
  try {
    return countryNames?.of(country) ?? null;
  } catch {
    return null;
  }
}

class DestinationIndex {
  readonly prefixes = new DigitTrie<DestinationMatch>();
  /** Countries that at least one prefix leads to: a 'country' custom rate for any other can never match. */
  readonly reachableCountries = new Set<string>();

  insert(digits: string, country: string | null, callingCode: string, nanp: boolean): void {
    this.prefixes.set(digits, {
      country,
      nanpRegion: nanp ? country : null,
      countryName: country === null ? null : countryName(country),
      callingCode,
      prefix: digits,
    });
    if (country !== null) this.reachableCountries.add(country);
  }
}

function countryOf(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164)?.country;
}

/** Sample numbers for an NPA; the first libphonenumber places decides (exchange 234 is valid almost everywhere). */
const NANP_SAMPLE_LINES = ['2345678', '5550123', '8765432'];

function addNanpAreaCodes(index: DestinationIndex): void {
  // NANP: unknown area codes keep no country, so neither the USA nor the Canada bucket takes them.
  index.insert(NANP_CALLING_CODE, null, NANP_CALLING_CODE, true);
  for (let areaCode = 200; areaCode <= 999; areaCode += 1) {
    for (const line of NANP_SAMPLE_LINES) {
      const country = countryOf(`+1${areaCode}${line}`);
      if (country !== undefined) {
        index.insert(`1${areaCode}`, country, NANP_CALLING_CODE, true);
        break;
      }
    }
  }
}

/** The fixed-line and mobile patterns of a country, read from the minified metadata defensively. */
function typePatterns(country: CountryCode): string[] {
  const plan: unknown = metadata.countries[country];
  if (!Array.isArray(plan)) return [];
  const types: unknown = plan[11];
  if (!Array.isArray(types)) return [];
  const patterns: string[] = [];
  for (const type of types.slice(0, 2)) {
    if (Array.isArray(type) && typeof type[0] === 'string') patterns.push(type[0]);
  }
  return patterns;
}

function nationalPrefixesOf(country: CountryCode, plans: Metadata): string[] {
  plans.selectNumberingPlan(country);
  const leadingDigits = plans.numberingPlan?.leadingDigits();
  const patterns = leadingDigits ? [leadingDigits] : typePatterns(country);
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    const expanded = patternPrefixes(pattern);
    // '' would claim the whole calling code: that is the main country's job.
    if (expanded !== null) prefixes.push(...expanded.filter((prefix) => prefix !== ''));
  }
  return prefixes;
}

/** True when libphonenumber puts a sample number starting with the prefix in `country`. */
function libphonenumberAgrees(callingCode: string, prefix: string, country: CountryCode, lengths: number[]): boolean {
  for (const length of lengths) {
    if (length < prefix.length) continue;
    if (countryOf(`+${callingCode}${prefix.padEnd(length, '0')}`) === country) return true;
  }
  return false;
}

function addSharedCodeCountries(index: DestinationIndex, callingCode: string, countries: CountryCode[]): void {
  const plans = new Metadata();
  for (const country of countries.slice(1)) {
    plans.selectNumberingPlan(country);
    const lengths = plans.numberingPlan?.possibleLengths() ?? [];
    for (const prefix of nationalPrefixesOf(country, plans)) {
      if (libphonenumberAgrees(callingCode, prefix, country, lengths)) {
        index.insert(callingCode + prefix, country, callingCode, false);
      }
    }
  }
}

function buildDestinationIndex(): DestinationIndex {
  const index = new DestinationIndex();
  for (const [callingCode, countries] of Object.entries(metadata.country_calling_codes)) {
    if (callingCode === NANP_CALLING_CODE) {
      addNanpAreaCodes(index);
      continue;
    }
    const [mainCountry] = countries;
    index.insert(callingCode, mainCountry ?? null, callingCode, false);
    if (countries.length > 1) addSharedCodeCountries(index, callingCode, countries);
  }
  // Satellite and other international networks (+881, +882...) have a code but no country.
  for (const callingCode of Object.keys(metadata.nonGeographic)) {
    index.insert(callingCode, null, callingCode, false);
  }
  return index;
}

let destinationIndex: DestinationIndex | undefined;

/** Built lazily once: importing the engine costs nothing until the first classification. */
function destinations(): DestinationIndex {
  destinationIndex ??= buildDestinationIndex();
  return destinationIndex;
}

/** The country prefix a normalised destination falls in, or undefined for no known calling code. */
export function lookupDestination(normalized: string): DestinationMatch | undefined {
  return destinations().prefixes.longestPrefixValue(normalized);
}

/** Countries that some destination can be classified as (others are never told apart from their main country). */
export function isClassifiableCountry(country: string): boolean {
  return destinations().reachableCountries.has(country);
}

/**
 * Digits in international form, as the prefix rules expect them: the one normaliser
 * (preload/common/phone.ts), shared with DIDs, CDR import and the window.
 */
export const normalizeDestination: (destination: string) => string = normalizePhoneNumber;

/**
 * For the UI and the price preview: "15145551234 → Canada". Pass what was dialled, not
 * an already normalised number (normalising twice can re-read '+49 30 123456' as NANP).
 */
export function classifyDestination(destination: string): DestinationClass {
  const normalized = normalizeDestination(destination);
  return describeDestination(normalized, lookupDestination(normalized));
}

/** What a lookup found, as the preview, the price list and rated calls show it. */
export function describeDestination(normalized: string, match: DestinationMatch | undefined): DestinationClass {
  return {
    normalized,
    country: match?.country ?? null,
    nanpRegion: match?.nanpRegion ?? null,
    countryName: match?.countryName ?? null,
  };
}

/** 'US' / 'CA' area codes: the only NANP numbers "free on-net" applies to (Guide: USA and Canada numbers). */
export function isUsaOrCanada(match: DestinationMatch | undefined): boolean {
  return match !== undefined && (match.nanpRegion === 'US' || match.nanpRegion === 'CA');
}
