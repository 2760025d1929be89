import metadata from 'libphonenumber-js/metadata.min.json';
import { LIMIT_TEXT, MAX_RATE_E8 } from '../../preload/common/limits';
import { parseRate, rateToText } from '../money/decimal';
import type { RateE8 } from '../money/units';
import { lookupDestination } from './destinations';

/**
 * The cost deck's rules: how a line of the provider's rate deck is read, the key it is
 * held under, and which line prices a number. Pure: the service reads and writes.
 *
 * The provider lists the USA and Canada (and the other NANP countries) under the same
 * calling code `1`, told apart by the line's name, and area codes under `1NPA`. A deck
 * held by prefix alone kept one of "USA,1" and "Canada,1" and dropped the other without a
 * word. So a NANP line is held by (prefix, region): the region is the area code's country
 * when the prefix carries a whole area code (libphonenumber's NANP data, destinations.ts),
 * else the country the line names ("Canada - Quebec" → CA), else none (a line for every
 * NANP number the prefix covers). Other prefixes have no region.
 */

export interface CostDeckLine {
  /** The line of the file (1 is the header). */
  line: number;
  destination: string;
  prefix: string;
  /** The NANP country this line prices ('US', 'CA', 'JM'…), or '' for every number of the prefix. */
  region: string;
  rate: RateE8;
  increment: number;
}

export interface DroppedDeckLine {
  line: number;
  reason: string;
}

export interface CostDeckReading {
  lines: CostDeckLine[];
  dropped: DroppedDeckLine[];
}

/** The increment a line without one gets: the provider bills most destinations in 6-second steps. */
const DEFAULT_INCREMENT = 6;
const NANP_CALLING_CODE = '1';
/** '1' and an area code (NPA): the prefix names one area code's country. */
const AREA_CODE_PREFIX_LENGTH = 4;

function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

let regionNames: { name: string; region: string }[] | undefined;

/** Every NANP country by its English name, and the USA by the names providers use for it; longest first. */
function nanpRegionNames(): { name: string; region: string }[] {
  if (regionNames) return regionNames;
  const names: { name: string; region: string }[] = [];
  const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const region of metadata.country_calling_codes[NANP_CALLING_CODE] ?? []) {
    const name = displayNames.of(region);
    if (name) names.push({ name: foldName(name), region });
  }
  for (const alias of ['USA', 'U.S.A.', 'U.S.', 'US', 'United States', 'United States of America']) {
    names.push({ name: foldName(alias), region: 'US' });
  }
  names.push({ name: 'turks and caicos', region: 'TC' }, { name: 'trinidad', region: 'TT' }, { name: 'bahamas', region: 'BS' });
  // "U.S. Virgin Islands" must not read as the USA: the longest name that fits wins.
  regionNames = names.sort((left, right) => right.name.length - left.name.length);
  return regionNames;
}

/** The NANP country a deck line's name starts with ("Canada - Quebec, Montreal" → 'CA'), or null. */
export function nanpRegionNamed(destination: string): string | null {
  const folded = foldName(destination);
  const found = nanpRegionNames().find(({ name }) => folded === name || folded.startsWith(`${name} `));
  return found?.region ?? null;
}

function regionName(region: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(region) ?? region;
  } catch {
    return region;
  }
}

/** The region a line is held under (see above), or why the line contradicts itself. */
export function costDeckRegion(prefix: string, destination: string): { region: string } | { reason: string } {
  if (!prefix.startsWith(NANP_CALLING_CODE)) return { region: '' };
  const named = nanpRegionNamed(destination);
  if (prefix.length < AREA_CODE_PREFIX_LENGTH) return { region: named ?? '' };
  const areaCodeRegion = lookupDestination(prefix.slice(0, AREA_CODE_PREFIX_LENGTH))?.nanpRegion ?? null;
  if (areaCodeRegion !== null && named !== null && named !== areaCodeRegion) {
    return {
      reason: `prefix ${prefix} is an area code of ${regionName(areaCodeRegion)}, but the line names ${regionName(named)}`,
    };
  }
  return { region: areaCodeRegion ?? named ?? '' };
}

/** One line of the file, checked; a string says why it is refused. */
function readLine(record: Record<string, string>, line: number): CostDeckLine | string {
  const destination = (record.destination ?? '').trim();
  const prefix = (record.prefix ?? '').trim().replace(/^\+/, '');
  if (!/^\d{1,15}$/.test(prefix)) return `prefix "${record.prefix ?? ''}" is not digits`;
  const rate = parseRate(record.rate ?? '');
  if (!rate.ok) return `rate: ${rate.message}`;
  if (rate.value < 0) return 'rate cannot be negative';
  if (rate.value > MAX_RATE_E8) return `rate: at most ${LIMIT_TEXT.rate} a minute`;
  const incrementText = (record.increment ?? '').trim() || String(DEFAULT_INCREMENT);
  // Digits only: Number() would read "1e1" as 10 and "0x10" as 16.
  const increment = /^\d{1,4}$/.test(incrementText) ? Number(incrementText) : Number.NaN;
  if (!Number.isInteger(increment) || increment < 1 || increment > 3600) return `increment "${record.increment ?? ''}" is not whole seconds`;
  const keyed = costDeckRegion(prefix, destination);
  if ('reason' in keyed) return keyed.reason;
  return { line, destination: destination || `+${prefix}`, prefix, region: keyed.region, rate: rate.value, increment };
}

/** The key a line is held under in the deck of a route. */
export function costDeckKey(line: Pick<CostDeckLine, 'prefix' | 'region'>): string {
  return line.region === '' ? line.prefix : `${line.prefix} ${line.region}`;
}

function keyText(line: CostDeckLine): string {
  return line.region === '' ? `prefix ${line.prefix}` : `prefix ${line.prefix} for ${regionName(line.region)}`;
}

/**
 * Reads the records of a deck file (line 2 is the first after the header). Every line that
 * is not kept is reported with its reason: a bad field, or a key an earlier line of the
 * file already priced (the first one is kept: the file's order decides, never a silent pick).
 */
export function readCostDeck(records: readonly Record<string, string>[], firstLine = 2): CostDeckReading {
  const dropped: DroppedDeckLine[] = [];
  const kept = new Map<string, CostDeckLine>();
  records.forEach((record, index) => {
    const line = firstLine + index;
    const read = readLine(record, line);
    if (typeof read === 'string') {
      dropped.push({ line, reason: read });
      return;
    }
    const earlier = kept.get(costDeckKey(read));
    if (earlier === undefined) {
      kept.set(costDeckKey(read), read);
      return;
    }
    const same = earlier.rate === read.rate && earlier.increment === read.increment;
    dropped.push({
      line,
      reason: same
        ? `duplicate of line ${earlier.line} (${keyText(read)})`
        : `duplicate of line ${earlier.line} (${keyText(read)}): ${rateToText(read.rate)}/min here, ${rateToText(earlier.rate)}/min there; line ${earlier.line} is kept`,
    });
  });
  return { lines: [...kept.values()], dropped };
}

export interface CostDeckEntry {
  prefix: string;
  region: string;
}

/**
 * The deck line that prices a number: the longest prefix of its digits among the lines of
 * its NANP region or of no region; at the same length, its region's own line wins. A US
 * number never takes the Canada line of prefix 1, nor a Jamaican number the USA's.
 */
export function costDeckEntryFor<T extends CostDeckEntry>(entries: readonly T[], digits: string, region: string | null): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    if (!digits.startsWith(entry.prefix)) continue;
    if (entry.region !== '' && entry.region !== region) continue;
    if (
      best === undefined ||
      entry.prefix.length > best.prefix.length ||
      (entry.prefix.length === best.prefix.length && best.region === '' && entry.region !== '')
    ) {
      best = entry;
    }
  }
  return best;
}

/**
 * A number a deck line prices, to classify the line as a call would be (its country, its
 * route, the custom rate it meets): the prefix itself, or for a region's line under a shorter
 * prefix ("USA,1") the first area code of that region under the prefix.
 */
export function costDeckSampleNumber(entry: CostDeckEntry): string {
  if (entry.region === '' || lookupDestination(entry.prefix)?.nanpRegion === entry.region) return entry.prefix;
  for (let areaCode = 200; areaCode <= 999; areaCode += 1) {
    const candidate = `${NANP_CALLING_CODE}${areaCode}`;
    if (candidate.startsWith(entry.prefix) && lookupDestination(candidate)?.nanpRegion === entry.region) return candidate;
  }
  return entry.prefix;
}

/** "Germany (+49)", "Canada (+1 514)": a number's country and the code it is known by, as messages name it. */
export function destinationLabel(normalized: string): string {
  const match = lookupDestination(normalized);
  if (match === undefined) return `+${normalized}`;
  const nanp = match.callingCode === NANP_CALLING_CODE && normalized.length >= AREA_CODE_PREFIX_LENGTH;
  const code = nanp ? `+1 ${normalized.slice(1, AREA_CODE_PREFIX_LENGTH)}` : `+${match.callingCode}`;
  return match.countryName ? `${match.countryName} (${code})` : code;
}
