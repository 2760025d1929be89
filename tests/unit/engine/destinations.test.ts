import { describe, expect, it } from 'vitest';
import { classifyDestination, normalizeDestination } from '../../../main/engine';

describe('normalizeDestination', () => {
  it.each([
    ['15145551234', '15145551234'],
    ['5145551234', '15145551234'], // 10 digits starting 2-9: NANP without its 1
    ['+15145551234', '15145551234'],
    ['+1 (514) 555-1234', '15145551234'],
    ['011447700900123', '447700900123'], // NANP international prefix
    ['00447700900123', '447700900123'], // international prefix used elsewhere
    ['+447700900123', '447700900123'],
    ['447700900123', '447700900123'],
    ['0114412345678', '4412345678'], // after 011 the digits are already international: no NANP 1 added
    ['+5145551234', '5145551234'], // '+' means international: +51 is Peru, not Montreal
    ['1145551234', '1145551234'], // 10 digits starting with 1 is not a NANP number
    ['4930123456', '4930123456'], // exchange 012 is not NANP: +49 30 123456 with its '+' stripped stays Germany
    ['+49 30 123456', '4930123456'],
    ['*97', '*97'],
    ['', ''],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeDestination(raw)).toBe(normalized);
  });
});

describe('classifyDestination (libphonenumber-js metadata)', () => {
  it.each([
    ['15145551234', 'CA', 'CA', 'Canada'], // Montreal
    ['5145551234', 'CA', 'CA', 'Canada'],
    ['14165551234', 'CA', 'CA', 'Canada'], // Toronto
    ['16045551234', 'CA', 'CA', 'Canada'], // Vancouver
    ['12125551234', 'US', 'US', 'United States'], // New York
    ['13055551234', 'US', 'US', 'United States'], // Miami
    ['18765551234', 'JM', 'JM', 'Jamaica'],
    ['17875551234', 'PR', 'PR', 'Puerto Rico'],
    ['+447700900123', 'GB', null, 'United Kingdom'], // drama range: still the UK
    ['442079460000', 'GB', null, 'United Kingdom'],
    ['441534123456', 'JE', null, 'Jersey'],
    ['441624123456', 'IM', null, 'Isle of Man'],
    ['77012345678', 'KZ', null, 'Kazakhstan'], // +7 shared with Russia
    ['79161234567', 'RU', null, 'Russia'],
    ['33612345678', 'FR', null, 'France'],
    ['0049301234567', 'DE', null, 'Germany'],
    ['61291234567', 'AU', null, 'Australia'],
  ])('%s → %s', (raw, country, nanpRegion, countryName) => {
    expect(classifyDestination(raw)).toMatchObject({ country, nanpRegion, countryName });
  });

  it('gives no country to an unassigned NANP area code', () => {
    expect(classifyDestination('19995551234')).toEqual({
      normalized: '19995551234',
      country: null,
      nanpRegion: null,
      countryName: null,
    });
  });

  it('gives no country to satellite networks and feature codes', () => {
    expect(classifyDestination('+881612345678').country).toBeNull();
    expect(classifyDestination('*97').country).toBeNull();
    expect(classifyDestination('').country).toBeNull();
  });

  it('agrees with libphonenumber on every US and Canada area code it knows', async () => {
    const { parsePhoneNumberFromString } = await import('libphonenumber-js');
    let checked = 0;
    for (let areaCode = 200; areaCode <= 999; areaCode += 1) {
      const expected = parsePhoneNumberFromString(`+1${areaCode}2345678`)?.country;
      if (expected !== 'US' && expected !== 'CA') continue;
      expect(classifyDestination(`1${areaCode}2345678`).nanpRegion).toBe(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
