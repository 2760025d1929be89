import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalToMicros,
  formatMoney,
  micros,
  moneyToText,
  parseMoney,
  parsePercent,
  parseRate,
  rateE8,
  rateToText,
  sumMicros,
  type Micros,
} from '../../../main/money';

const safeMicros = fc.integer({ min: -1e14, max: 1e14 }).map(micros);

describe('parsing decimal text', () => {
  it.each([
    ['12.5', 12_500_000],
    ['12.50', 12_500_000],
    [' 0.000001 ', 1],
    ['0', 0],
    ['-0', 0],
    ['-3.25', -3_250_000],
    ['1000000', 1_000_000_000_000],
  ])('reads %s as %d micros', (text, expected) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12,50', 'decimal separator'],
    ['', 'Enter an amount'],
    ['abc', 'not a number'],
    ['1.2.3', 'not a number'],
    ['1e5', 'not a number'],
    ['1,250.00', 'not a number'],
    ['+5', 'not a number'],
    ['0.0000001', 'At most 6 decimals'],
    ['99999999999999999999', 'too large'],
  ])('refuses %j with a message about %s', (text, message) => {
    const result = parseMoney(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('keeps the provider precision for rates and 4 decimals for percentages', () => {
    expect(parseRate('0.00900000')).toEqual({ ok: true, value: 900_000 });
    expect(parseRate('0.000000001').ok).toBe(false);
    expect(parsePercent('20')).toEqual({ ok: true, value: 200_000 });
    expect(parsePercent('20%%').ok).toBe(false);
    expect(rateToText(rateE8(1_200_000))).toBe('0.01200000');
  });
});

describe('money properties', () => {
  it('parse ∘ text round-trips every amount exactly', () => {
    fc.assert(
      fc.property(safeMicros, (amount) => {
        expect(parseMoney(moneyToText(amount))).toEqual({ ok: true, value: amount });
      }),
    );
  });

  it('sums are exact: the sum of parsed parts equals the parsed whole', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e12 }), { maxLength: 200 }), (parts) => {
        const amounts = parts.map((part) => micros(part));
        const total = sumMicros(amounts);
        const viaText = amounts.reduce((acc, amount) => acc + BigInt(moneyToText(amount).replace('.', '')), 0n);
        expect(BigInt(total)).toBe(viaText);
        expect(Number.isSafeInteger(total)).toBe(true);
      }),
    );
  });

  it('no float reaches storage: constructors refuse fractions, and every parsed value is a safe integer', () => {
    expect(() => micros(0.1 + 0.2)).toThrow(/safe integer/);
    expect(() => micros(Number.NaN)).toThrow();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), (value) => {
        const parsed = parseMoney(String(value));
        if (parsed.ok) expect(Number.isSafeInteger(parsed.value)).toBe(true);
      }),
    );
  });

  it('rounds provider decimals half-up to a micro, once', () => {
    expect(decimalToMicros('0.00090000')).toBe(900);
    expect(decimalToMicros('0.0000005')).toBe(1);
    expect(decimalToMicros('0.00000049999')).toBe(0);
    expect(decimalToMicros('-0.0000005')).toBe(-1);
  });
});

describe('display', () => {
  it('formats the exact decimal, half-up: per-call amounts to 4 decimals, money to 2', () => {
    expect(formatMoney(micros(1_000_050), 'USD', 'perCall')).toBe('$1.0001');
    expect(formatMoney(micros(1_000_049), 'USD', 'perCall')).toBe('$1.0000');
    expect(formatMoney(micros(-12_345_678), 'USD')).toBe('-$12.35');
    expect(formatMoney(micros(123_456_789_000_000), 'CAD', 'money', 'en-CA')).toBe('$123,456,789.00');
  });

  it('a Micros is not a plain number at the type level', () => {
    const takesMicros = (amount: Micros): Micros => amount;
    // @ts-expect-error a plain number must be branded through micros() first
    takesMicros(5);
    expect(takesMicros(micros(5))).toBe(5);
  });
});
