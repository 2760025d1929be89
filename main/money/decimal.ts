import { Decimal } from 'decimal.js';
import { micros, rateE8, percentE4, type Micros, type RateE8, type PercentE4 } from './units';

/**
 * Parsing and printing of decimal text for money, rates and percentages.
 *
 * Decision (tested): the decimal separator is a dot. "12,50" is refused with a message
 * that says so, rather than guessed, because "1,250" means 1250 to half of our users
 * and 1.25 to the other half. Thousands separators, exponents and signs other than a
 * leading minus are refused too. Parsing goes through strings and BigInt: no float.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

const PLAIN_DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function parseScaled(text: string, decimals: number): ParseResult<number> {
  // Only the spaces and tabs a person types around a number; other whitespace (no-break
  // space, line separators, a BOM) is not part of a number and is refused.
  const trimmed = text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (trimmed === '') return { ok: false, message: 'Enter an amount' };
  if (/^-?\d+,\d+$/.test(trimmed)) {
    return { ok: false, message: 'Use a dot (.) as the decimal separator, e.g. 12.50' };
  }
  const match = PLAIN_DECIMAL.exec(trimmed);
  if (!match) return { ok: false, message: `"${trimmed}" is not a number (use digits and one dot, e.g. 12.50)` };
  const [, minus, whole = '0', fraction = ''] = match;
  if (fraction.length > decimals) {
    return { ok: false, message: `At most ${decimals} decimals are allowed` };
  }
  const scaled = BigInt(whole + fraction.padEnd(decimals, '0')) * (minus ? -1n : 1n);
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER) || scaled < BigInt(Number.MIN_SAFE_INTEGER)) {
    return { ok: false, message: 'The amount is too large' };
  }
  // Normalise -0 to 0 so "-0" is not a negative amount.
  return { ok: true, value: scaled === 0n ? 0 : Number(scaled) };
}

/** Exact decimal text of an integer scaled by 10^decimals: 12_500_000 (6) → "12.500000". */
function scaledToText(value: number, decimals: number): string {
  const negative = value < 0;
  const digits = Math.abs(value).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const text = decimals === 0 ? whole : `${whole}.${fraction}`;
  return negative ? `-${text}` : text;
}

export const MONEY_DECIMALS = 6;
export const RATE_DECIMALS = 8;
const PERCENT_DECIMALS = 4;

export function parseMoney(text: string): ParseResult<Micros> {
  const result = parseScaled(text, MONEY_DECIMALS);
  return result.ok ? { ok: true, value: micros(result.value) } : result;
}

export function parseRate(text: string): ParseResult<RateE8> {
  const result = parseScaled(text, RATE_DECIMALS);
  return result.ok ? { ok: true, value: rateE8(result.value) } : result;
}

export function parsePercent(text: string): ParseResult<PercentE4> {
  const result = parseScaled(text, PERCENT_DECIMALS);
  return result.ok ? { ok: true, value: percentE4(result.value) } : result;
}

export const moneyToText = (amount: Micros): string => scaledToText(amount, MONEY_DECIMALS);

/**
 * Exact text of a sum of micros read as a BigInt: a total over many entries (a month's
 * spending) may pass 2^53 micros even though every balance and entry stays in range.
 */
export function bigMicrosToText(amount: bigint): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(MONEY_DECIMALS + 1, '0');
  const text = `${digits.slice(0, digits.length - MONEY_DECIMALS)}.${digits.slice(digits.length - MONEY_DECIMALS)}`;
  return negative ? `-${text}` : text;
}
export const rateToText = (rate: RateE8): string => scaledToText(rate, RATE_DECIMALS);
export const percentToText = (percent: PercentE4): string => scaledToText(percent, PERCENT_DECIMALS);

/**
 * Converts any exact decimal (e.g. the provider's "0.00090000" totals) to micros with
 * one half-up rounding. Half-up is away from zero for negatives, as accountants expect.
 */
export function decimalToMicros(value: Decimal.Value): Micros {
  const scaled = new Decimal(value).times(1_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return micros(scaled.toNumber());
}

export function sumMicros(amounts: readonly Micros[]): Micros {
  let total = 0;
  for (const amount of amounts) total += amount;
  return micros(total);
}
