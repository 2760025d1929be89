import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCdrRejection, normalizeCdrRecord, parseStartedAt } from '../../../main/cdr';

/**
 * normalizeCdrRecord reads dates, seconds, rates and totals character by character (no
 * match arrays per row); these laws hold it to the regular expressions it had before.
 */

/** The former parseStartedAt. */
function startedAtByRegExp(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = ''] = match;
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const days = m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const noise = fc.constantFrom('', ' ', '+', '-', '.', 'e', 'T', ':', 'x', '٣', '\n', '0', '5', '9');

const dateText = fc.oneof(
  fc
    .tuple(digits(4, 4), digits(2, 2), digits(2, 2), fc.constantFrom(' ', 'T', 't'), digits(2, 2), digits(2, 2), digits(2, 2))
    .map(([y, m, d, t, h, mi, s]) => `${y}-${m}-${d}${t}${h}:${mi}:${s}`),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 19).replace('T', ' ')),
  fc
    .tuple(fc.date({ noInvalidDate: true }), fc.nat({ max: 19 }), noise)
    .map(([date, at, c]) => {
      const text = date.toISOString().slice(0, 19);
      return text.slice(0, at) + c + text.slice(at + 1);
    }),
);

const numberText = fc.oneof(
  digits(1, 20),
  fc.tuple(digits(0, 18), digits(0, 14)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.tuple(noise, digits(0, 10), noise, digits(0, 10), noise).map((parts) => parts.join('')),
  fc.tuple(noise, noise, digits(0, 3), noise, digits(0, 3)).map((parts) => parts.join('')),
);

const record = (fields: Record<string, string>): Record<string, string> => ({
  date: '2024-03-01 09:00:00',
  account: 'a',
  disposition: 'ANSWERED',
  uniqueid: 'u',
  seconds: '1',
  ...fields,
});

/** An amount of `decimals` decimals, half-up, as decimal.js reads it (the former path's rule). */
function scaledByDecimalJs(text: string, decimals: number): number | 'negative' | null {
  const unsigned = text.startsWith('+') ? text.slice(1) : text;
  if (unsigned !== text && (unsigned.startsWith('-') || unsigned.startsWith('+'))) return null;
  const magnitude = unsigned.startsWith('-') ? unsigned.slice(1) : unsigned;
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(magnitude) && !/^\d+(?:\.\d*)?[eE][+-]?\d+$/.test(magnitude)) return null;
  const value = new Decimal(unsigned).times(new Decimal(10).pow(decimals)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (value.isNegative() && !value.isZero()) return 'negative';
  return value.abs().lte(Number.MAX_SAFE_INTEGER) ? value.abs().toNumber() : null;
}

describe('normalizeCdrRecord fast paths', () => {
  it('reads a date-time as the regular expression did', () => {
    fc.assert(
      fc.property(dateText, (text) => {
        expect(parseStartedAt(text)).toBe(startedAtByRegExp(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads seconds as /^(\\d+)(?:\\.0*)?$/ did', () => {
    fc.assert(
      fc.property(numberText, (seconds) => {
        const cdr = normalizeCdrRecord(record({ seconds }), 1);
        const whole = /^(\d+)(?:\.0*)?$/.exec(seconds.trim());
        const expected = whole && Number.isSafeInteger(Number(whole[1])) ? Number(whole[1]) : null;
        expect(isCdrRejection(cdr) ? null : cdr.seconds).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes one sign at most: "--0", "-+0" and "+-0" are refused, "-0" and "+0" are zero', () => {
    for (const text of ['--0', '-+0', '+-0', '++0', '--1.5']) {
      const cdr = normalizeCdrRecord(record({ rate: text }), 1);
      expect(isCdrRejection(cdr), text).toBe(true);
    }
    for (const text of ['-0', '+0', '-0.000', '+0.0']) {
      expect(normalizeCdrRecord(record({ rate: text }), 1)).toMatchObject({ costRate: 0 });
    }
  });

  it('scales rates (8 decimals) and totals (6) with one half-up rounding, up to the largest safe integer', () => {
    fc.assert(
      fc.property(numberText, (text) => {
        const cdr = normalizeCdrRecord(record({ rate: text, total: text }), 1);
        const rate = scaledByDecimalJs(text.trim(), 8);
        const total = scaledByDecimalJs(text.trim(), 6);
        if (typeof rate === 'number' && typeof total === 'number') {
          expect(cdr).toMatchObject({ costRate: rate, costTotal: total });
        } else if (text.trim() !== '') {
          expect(isCdrRejection(cdr)).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
