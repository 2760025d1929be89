import { describe, expect, it } from 'vitest';
import { classifyDestination, compilePackage, matchSellRate, normalizeDestination, rateCall } from '../../../main/engine';
import { rateE8 } from '../../../main/money/units';
import { customRate, makeCall, makePackage } from './fixtures';

/**
 * Golden cases: a custom rate by country applies to every number of that country,
 * short or long, however it was written ('+', '00', '011', bare international digits).
 *
 * What a shared calling code means (DESIGN rule 3, "a country's codes"):
 * - +1 (NANP) is split by area code: +1 876 is Jamaica, +1 514 Canada, +1 212 the USA.
 *   An area code no country uses (+1 999) is no country: no country rate, no USA/Canada bucket.
 * - Other shared codes are split by the leading digits the numbering plan gives each
 *   country (+7 7… Kazakhstan, +44 1534 Jersey); the rest of the code is its main
 *   country (+7 Russia, +44 United Kingdom). The number's length never matters.
 *
 * Package: markup 0 + 20 %, pulse 6; the calls last 60 s and cost 0.01/min, so the markup
 * would be 0.012/min (charge 12 000 micros). Each country rate has its own figure below.
 */
const GERMANY = customRate(21, 'country', 'DE', 2_100_000); // 0.021/min → 60 s = 21 000 micros
const UNITED_KINGDOM = customRate(22, 'country', 'GB', 2_200_000);
const FRANCE = customRate(23, 'country', 'FR', 2_300_000);
const JAMAICA = customRate(24, 'country', 'JM', 2_400_000);
const RUSSIA = customRate(25, 'country', 'RU', 2_500_000);
const KAZAKHSTAN = customRate(26, 'country', 'KZ', 2_600_000);
const JERSEY = customRate(27, 'country', 'JE', 2_700_000);

const compiled = compilePackage(makePackage({ customRates: [GERMANY, UNITED_KINGDOM, FRANCE, JAMAICA, RUSSIA, KAZAKHSTAN, JERSEY] }));

interface CountryCase {
  dialled: string;
  normalized: string;
  country: string | null;
  /** The country rate that must apply; null = none matches, the markup applies. */
  customRateId: number | null;
  /** Charge of a 60 s call, worked out by hand: rate × 60 / 6000. */
  charge: number;
  matchedPrefix: string | null;
}

const CASES: CountryCase[] = [
  // Germany: numbers have 5 to 13 national digits.
  { dialled: '+49 30 123456', normalized: '4930123456', country: 'DE', customRateId: 21, charge: 21_000, matchedPrefix: '49' },
  { dialled: '4930123456', normalized: '4930123456', country: 'DE', customRateId: 21, charge: 21_000, matchedPrefix: '49' }, // a CDR whose '+' was stripped
  { dialled: '+49 89 1234', normalized: '49891234', country: 'DE', customRateId: 21, charge: 21_000, matchedPrefix: '49' },
  { dialled: '+49 30 12345678', normalized: '493012345678', country: 'DE', customRateId: 21, charge: 21_000, matchedPrefix: '49' },
  { dialled: '011 49 1512 3456789', normalized: '4915123456789', country: 'DE', customRateId: 21, charge: 21_000, matchedPrefix: '49' },
  // United Kingdom (and Jersey, which shares +44).
  { dialled: '+44 20 7946 095', normalized: '44207946095', country: 'GB', customRateId: 22, charge: 22_000, matchedPrefix: '44' },
  { dialled: '+44 20 7946 0958', normalized: '442079460958', country: 'GB', customRateId: 22, charge: 22_000, matchedPrefix: '44' },
  { dialled: '00447700900123', normalized: '447700900123', country: 'GB', customRateId: 22, charge: 22_000, matchedPrefix: '44' },
  { dialled: '+4477009001', normalized: '4477009001', country: 'GB', customRateId: 22, charge: 22_000, matchedPrefix: '44' },
  // Jersey's prefixes come from the ranges its numbering plan lists (+44 1534 [0-24-8]…).
  { dialled: '+44 1534 12', normalized: '44153412', country: 'JE', customRateId: 27, charge: 27_000, matchedPrefix: '4415341' },
  { dialled: '+44 1534 123456', normalized: '441534123456', country: 'JE', customRateId: 27, charge: 27_000, matchedPrefix: '4415341' },
  // France: 9 national digits; a short one is still France.
  { dialled: '+33 1 23 45 67 89', normalized: '33123456789', country: 'FR', customRateId: 23, charge: 23_000, matchedPrefix: '33' },
  { dialled: '+33 1 2345 678', normalized: '3312345678', country: 'FR', customRateId: 23, charge: 23_000, matchedPrefix: '33' },
  { dialled: '0033 6 12 34 56 78 9', normalized: '336123456789', country: 'FR', customRateId: 23, charge: 23_000, matchedPrefix: '33' },
  // Jamaica: NANP area code 876, dialled in every NANP way.
  { dialled: '+1 876 555 1234', normalized: '18765551234', country: 'JM', customRateId: 24, charge: 24_000, matchedPrefix: '1876' },
  { dialled: '8765551234', normalized: '18765551234', country: 'JM', customRateId: 24, charge: 24_000, matchedPrefix: '1876' },
  { dialled: '1876555', normalized: '1876555', country: 'JM', customRateId: 24, charge: 24_000, matchedPrefix: '1876' },
  { dialled: '1876555123456', normalized: '1876555123456', country: 'JM', customRateId: 24, charge: 24_000, matchedPrefix: '1876' },
  // +7: Kazakhstan's leading digits, Russia for the rest of the code.
  { dialled: '+7 495 123 45 67', normalized: '74951234567', country: 'RU', customRateId: 25, charge: 25_000, matchedPrefix: '7' },
  { dialled: '+7 495 12', normalized: '749512', country: 'RU', customRateId: 25, charge: 25_000, matchedPrefix: '7' },
  { dialled: '+7 495 123 45 67 89', normalized: '7495123456789', country: 'RU', customRateId: 25, charge: 25_000, matchedPrefix: '7' },
  { dialled: '+7 701 234 56 78', normalized: '77012345678', country: 'KZ', customRateId: 26, charge: 26_000, matchedPrefix: '77' },
  { dialled: '+7 7012', normalized: '77012', country: 'KZ', customRateId: 26, charge: 26_000, matchedPrefix: '77' },
  // No country: an unassigned NANP area code gets the markup (0.01 × 1.2 = 0.012 → 12 000).
  { dialled: '+1 999 555 1234', normalized: '19995551234', country: null, customRateId: null, charge: 12_000, matchedPrefix: null },
  // Ten bare NANP-shaped digits are NANP (the provider writes NANP numbers without their 1):
  // 331 is an Illinois area code, so this is the USA (no rate here), not France.
  { dialled: '3312345678', normalized: '13312345678', country: 'US', customRateId: null, charge: 12_000, matchedPrefix: null },
];

describe('country custom rates apply to every number of the country, whatever its length', () => {
  it.each(CASES)('$dialled → $country', ({ dialled, normalized, country, customRateId, charge, matchedPrefix }) => {
    const { result } = rateCall(compiled, makeCall({ destination: dialled }), { ownDids: new Set() }, 0);
    expect(result).toMatchObject({
      status: 'rated',
      rule: customRateId === null ? 'markup' : 'custom_rate',
      customRateId,
      matchedPrefix,
      destination: normalized,
      country,
      billedSeconds: 60,
      charge,
    });
  });

  it.each(CASES)('$dialled: the country shown and the rate applied come from the same lookup', ({ dialled }) => {
    const shown = classifyDestination(dialled);
    const priced = matchSellRate(compiled, dialled, rateE8(1_000_000));
    const { result } = rateCall(compiled, makeCall({ destination: dialled }), { ownDids: new Set() }, 0);
    if (result.status !== 'rated') throw new Error(result.message);
    expect(priced.destination).toEqual(shown);
    expect({ country: result.country, nanpRegion: result.nanpRegion, countryName: result.countryName, destination: result.destination }).toEqual({
      country: shown.country,
      nanpRegion: shown.nanpRegion,
      countryName: shown.countryName,
      destination: shown.normalized,
    });
    expect(priced.customRateId).toBe(result.customRateId);
    expect(priced.sellRate).toBe(result.sellRate);
  });

  it('normalises once: a normalised international number is not the number that was dialled', () => {
    // '+32 12 34 56 78' (Belgium, Tongeren) written without its '+' reads as NANP 321 (Florida).
    expect(classifyDestination('+32 12 34 56 78')).toMatchObject({ normalized: '3212345678', country: 'BE' });
    expect(normalizeDestination(normalizeDestination('+32 12 34 56 78'))).toBe('13212345678');
  });
});
