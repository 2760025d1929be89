import metadata from 'libphonenumber-js/metadata.min.json';
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js';
import { isClassifiableCountry } from './destinations';
import type { CustomRate } from './types';

/**
 * Checks a package's custom rates before they are saved, so the rating engine never
 * has to guess between two rates for the same destinations.
 */

export type CustomRateConflictCode =
  | 'duplicate_destination'
  | 'invalid_prefix'
  | 'unknown_country'
  | 'indistinguishable_country'
  | 'unexpected_value'
  | 'invalid_rate'
  | 'shadowed_country';

export interface CustomRateConflict {
  code: CustomRateConflictCode;
  /** The custom rates involved, lowest id first. */
  customRateIds: number[];
  message: string;
}

const TWO_LETTERS = /^[A-Za-z]{2}$/;
const DIGITS_ONLY = /^\d+$/;

function describe(rate: CustomRate): string {
  switch (rate.scope) {
    case 'usa':
      return 'the USA rate';
    case 'canada':
      return 'the Canada rate';
    case 'country':
      return `the country rate ${rate.value.trim().toUpperCase()}`;
    case 'prefix':
      return `the calling-code rate ${rate.value.trim()}`;
  }
}

/** The destinations a rate covers, as a key: two rates with one key claim the same calls. */
function destinationKey(rate: CustomRate): string | null {
  const value = rate.value.trim();
  if (rate.scope === 'usa') return 'nanp:US';
  if (rate.scope === 'canada') return 'nanp:CA';
  if (rate.scope === 'prefix') return DIGITS_ONLY.test(value) ? `prefix:${value}` : null;
  if (!TWO_LETTERS.test(value)) return null;
  const country = value.toUpperCase();
  // The USA / Canada buckets and the countries US / CA are the same numbers.
  return country === 'US' || country === 'CA' ? `nanp:${country}` : `country:${country}`;
}

function mainCountryOf(callingCode: string): string | undefined {
  return metadata.country_calling_codes[callingCode]?.[0];
}

function checkOne(rate: CustomRate): CustomRateConflict[] {
  const problems: CustomRateConflict[] = [];
  const value = rate.value.trim();
  const ids = [rate.id];
  if (!Number.isSafeInteger(rate.rate) || rate.rate < 0) {
    problems.push({ code: 'invalid_rate', customRateIds: ids, message: `Custom rate ${rate.id}: the rate must be zero or more` });
  }
  if (rate.scope === 'prefix' && !DIGITS_ONLY.test(value)) {
    const message =
      value === ''
        ? `Custom rate ${rate.id}: enter the calling code digits (for example 44 or 447)`
        : `Custom rate ${rate.id}: the calling code "${value}" must contain digits only (no +, spaces or letters)`;
    problems.push({ code: 'invalid_prefix', customRateIds: ids, message });
  }
  if ((rate.scope === 'usa' || rate.scope === 'canada') && value !== '') {
    const message = `Custom rate ${rate.id}: ${describe(rate)} applies to every ${rate.scope === 'usa' ? 'USA' : 'Canada'} number and takes no value ("${value}")`;
    problems.push({ code: 'unexpected_value', customRateIds: ids, message });
  }
  if (rate.scope === 'country') {
    const country = value.toUpperCase();
    if (!TWO_LETTERS.test(value) || !isSupportedCountry(country)) {
      const message = `Custom rate ${rate.id}: "${value}" is not a country code we know (use two letters such as GB or FR)`;
      problems.push({ code: 'unknown_country', customRateIds: ids, message });
    } else if (!isClassifiableCountry(country)) {
      const callingCode = getCountryCallingCode(country);
      const message =
        `Custom rate ${rate.id}: numbers of ${country} cannot be told apart from other +${callingCode} numbers ` +
        `(they are rated as ${mainCountryOf(callingCode) ?? 'another country'}), so this rate would never apply; use a calling-code rate instead`;
      problems.push({ code: 'indistinguishable_country', customRateIds: ids, message });
    }
  }
  return problems;
}

/** A 'prefix' equal to a country's whole calling code wins every tie, so that country's rate never applies. */
function shadowedCountries(rates: readonly CustomRate[]): CustomRateConflict[] {
  const prefixRates = new Map<string, CustomRate>();
  for (const rate of rates) {
    if (rate.scope === 'prefix' && DIGITS_ONLY.test(rate.value.trim())) prefixRates.set(rate.value.trim(), rate);
  }
  const problems: CustomRateConflict[] = [];
  for (const rate of rates) {
    if (rate.scope !== 'country') continue;
    const country = rate.value.trim().toUpperCase();
    if (!TWO_LETTERS.test(country) || !isSupportedCountry(country) || country === 'US' || country === 'CA') continue;
    const callingCode = getCountryCallingCode(country);
    const prefixRate = prefixRates.get(callingCode);
    if (prefixRate === undefined || mainCountryOf(callingCode) !== country || callingCode === '1') continue;
    problems.push({
      code: 'shadowed_country',
      customRateIds: [rate.id, prefixRate.id].sort((a, b) => a - b),
      message: `Custom rates ${prefixRate.id} and ${rate.id}: ${describe(prefixRate)} and ${describe(rate)} cover the same numbers (+${callingCode}); the calling-code rate wins, so remove one of them`,
    });
  }
  return problems;
}

/** Human messages for every custom rate that is invalid or competes with another for the same calls. */
export function findCustomRateConflicts(customRates: readonly CustomRate[]): CustomRateConflict[] {
  const problems: CustomRateConflict[] = [];
  const byDestination = new Map<string, CustomRate[]>();
  for (const rate of customRates) {
    problems.push(...checkOne(rate));
    const key = destinationKey(rate);
    if (key === null) continue;
    const group = byDestination.get(key);
    if (group === undefined) byDestination.set(key, [rate]);
    else group.push(rate);
  }
  for (const group of byDestination.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.id - b.id);
    const names = sorted.map((rate) => `${describe(rate)} (id ${rate.id})`);
    problems.push({
      code: 'duplicate_destination',
      customRateIds: sorted.map((rate) => rate.id),
      message: `${capitalize(names.join(' and '))} cover the same destinations; keep only one (the lowest id is used meanwhile)`,
    });
  }
  problems.push(...shadowedCountries(customRates));
  return problems;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
