import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { micros, rateE8 } from '../../../main/money';
import { toWireAmount, toWireDate, toWireRate, wireBoolean, wireDate, wireDateTime, wireInteger, wireList, wireMicros, wireObject, wireRateE8, wireText, WireError } from '../../../main/sync/wire';

// voipms-api.md "Wire conventions": strings everywhere, some bare numbers, "0000-00-00" = no date,
// a fetch-one object where a list was expected.
describe('reading the provider\'s values', () => {
  it.each([
    ['0.00900000', 9_000],
    ['8.0588', 8_058_800],
    [8.0588, 8_058_800],
    ['112.192790', 112_192_790],
    [2, 2_000_000],
    ['-3.20', -3_200_000],
    ['.5', 500_000],
    ['0.0000005', 1], // half-up past the micro
    ['0.0000004', 0],
    ['-0.0000005', -1], // away from zero
    [1e-7, 0],
    [5e-7, 1],
    ['', 0],
    [null, 0],
  ])('amount %j → %d micros', (value, expected) => {
    expect(wireMicros(value)).toBe(expected);
  });

  it.each([
    ['0.00900000', 900_000],
    ['0.01000000', 1_000_000],
    [0.03, 3_000_000],
    ['0.000000015', 2],
  ])('rate %j → %d (1e-8)', (value, expected) => {
    expect(wireRateE8(value)).toBe(expected);
  });

  it.each(['1,50', '12abc', 'NaN', '1e5x', '--1', '.'])('refuses %j as an amount', (value) => {
    expect(() => wireMicros(value)).toThrow(WireError);
  });

  it('reads any decimal text exactly, as the money parser would', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (scaled) => {
        const negative = scaled < 0n;
        const digits = (negative ? -scaled : scaled).toString().padStart(7, '0');
        const text = `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
        expect(wireMicros(text)).toBe(Number(scaled));
      }),
    );
  });

  it('reads whole numbers from strings or numbers, blank as null', () => {
    expect(wireInteger('561115')).toBe(561115);
    expect(wireInteger(60)).toBe(60);
    expect(wireInteger('0060')).toBe(60);
    expect(wireInteger('')).toBeNull();
    expect(wireInteger(undefined)).toBeNull();
    expect(() => wireInteger('6.5')).toThrow(WireError);
  });

  it('reads the provider\'s flags', () => {
    expect([wireBoolean('1'), wireBoolean(1), wireBoolean('yes'), wireBoolean(true)]).toEqual([true, true, true, true]);
    expect([wireBoolean('0'), wireBoolean(0), wireBoolean('no'), wireBoolean(''), wireBoolean(undefined)]).toEqual([false, false, false, false, false]);
    expect(() => wireBoolean('maybe')).toThrow(WireError);
  });

  it('"0000-00-00" and blanks are no date', () => {
    expect(wireDate('0000-00-00')).toBeNull();
    expect(wireDate('0000-00-00 00:00:00')).toBeNull();
    expect(wireDate('')).toBeNull();
    expect(wireDate('2014-08-30')).toBe('2014-08-30');
    expect(wireDate('2014-07-30 15:09:04')).toBe('2014-07-30');
    expect(wireDateTime('2010-11-30 10:40:16')).toBe('2010-11-30 10:40:16');
    expect(wireDateTime('2010-11-30')).toBe('2010-11-30 00:00:00');
    expect(wireDateTime('0000-00-00 00:00:00')).toBeNull();
    expect(() => wireDate('30/08/2014')).toThrow(WireError);
  });

  it('a list field may be a list, one object (fetch-one), or absent', () => {
    expect(wireList([{ client: '1' }, { client: '2' }])).toEqual([{ client: '1' }, { client: '2' }]);
    expect(wireList({ client: '1' })).toEqual([{ client: '1' }]);
    expect(wireList(undefined)).toEqual([]);
    expect(wireList('')).toEqual([]);
    expect(() => wireList(['x'])).toThrow(WireError);
    expect(wireObject([{ current_balance: '1' }])).toEqual({ current_balance: '1' });
  });

  it('text is trimmed; numbers keep their decimal spelling', () => {
    expect(wireText('  Alice ')).toBe('Alice');
    expect(wireText(5551112222)).toBe('5551112222');
    expect(wireText(1e21)).toBe('1000000000000000000000');
    expect(() => wireText({})).toThrow(WireError);
  });
});

describe('writing values as the provider reads them', () => {
  it.each([
    [25_000_000, '25.00'],
    [4_990_000, '4.99'],
    [1_005_000, '1.01'], // half-up past the cent
    [-1_500_000, '-1.50'],
    [0, '0.00'],
    [9_000, '0.01'],
  ])('%d micros → "%s"', (amount, text) => {
    expect(toWireAmount(micros(amount))).toBe(text);
  });

  it('rates with 8 decimals, dates checked', () => {
    expect(toWireRate(rateE8(1_000_000))).toBe('0.01000000');
    expect(toWireDate('2026-12-01')).toBe('2026-12-01');
    expect(() => toWireDate('2026-12-1')).toThrow(WireError);
  });
});
