import { z } from 'zod';
import { parseMoney, parsePercent, parseRate, type ParseResult } from '../../main/money/decimal';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS, MAX_PERCENT_E4, MAX_RATE_E8 } from '../common/limits';

/**
 * The longest text each kind of field takes (issue 9: "nothing accepted that the app
 * cannot hold" — a sub account IP once took 100,000 characters). Every string field of
 * every schema is bounded by one of these, or by a tighter rule of its own.
 */
export const TEXT_LIMITS = {
  /** People, companies, packages, places. */
  name: 100,
  /** RFC 5321: a forward path is at most 254 characters. */
  email: 254,
  notes: 2000,
  /** A DNS name is at most 253 characters; an IP address fits too. */
  host: 253,
  street: 160,
  phone: 40,
  /** Postal codes, calling codes, prefixes, country codes. */
  code: 20,
  description: 200,
  search: 100,
  fileName: 255,
  password: 64,
} as const;

/** A trimmed text field of at most `max` characters. */
export const textField = (label: string, max: number) =>
  z.string({ error: `${label}: enter text` }).max(max * 4, `${label}: at most ${max} characters`).trim().max(max, `${label}: at most ${max} characters`);

/** A trimmed one-line text: no line breaks or other control characters (it goes into titles, e-mail headers and HTML attributes). */
export const oneLineText = (label: string, max: number) =>
  textField(label, max).refine((text) => !/\p{Cc}/u.test(text), `${label}: one line, without control characters`);

/** A trimmed text field that must not be empty. */
export const requiredText = (label: string, max: number) => textField(label, max).min(1, `${label} is required`);

/**
 * A whole number. JSON inputs send numbers and get numbers: `true`, `null`, `[]` or
 * "12" are refused, never coerced. `text: true` is for a form that sends what was
 * typed: then a plain run of ASCII digits ("60") is read too — no sign, no exponent,
 * no hex, no spaces, no dot.
 */
export function wholeNumber(label: string, min: number, max: number, options: { text?: boolean; maxText?: string } = {}) {
  const maxText = options.maxText ?? max.toLocaleString('en-US');
  const number = z
    .number({ error: `${label}: enter a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min.toLocaleString('en-US')}`)
    .max(max, `${label}: at most ${maxText}`);
  if (!options.text) return number;
  const digits = z
    .string({ error: `${label}: enter a whole number` })
    .max(16, `${label}: at most ${maxText}`)
    .regex(/^\d+$/, `${label} must be a whole number`)
    .transform(Number);
  return z.union([z.number(), digits], { error: `${label}: enter a whole number` }).pipe(number);
}

/**
 * Decimal text fields: the UI and the CLI send text ("0.0050"); the schema parses it
 * into integer units once, so handlers only ever see branded integers. Only text: a
 * JSON number would have passed through a float already. Parsing is strict (digits and
 * one dot; no exponent, sign other than a leading minus, hex or thousands separator).
 */
function decimalField<T extends number>(parse: (text: string) => ParseResult<T>, label: string, max: number, maxText: string) {
  return z
    .string({ error: `${label}: enter a number` })
    .max(40, `${label}: at most ${maxText}`)
    .transform((raw, ctx): T => {
      const result = parse(raw);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}: ${result.message}` });
        return z.NEVER;
      }
      if (result.value < 0) {
        ctx.addIssue({ code: 'custom', message: `${label} cannot be negative` });
        return z.NEVER;
      }
      if (result.value > max) {
        ctx.addIssue({ code: 'custom', message: `${label}: at most ${maxText}` });
        return z.NEVER;
      }
      return result.value;
    });
}

/** Fees and amounts: one ledger entry at most (preload/common/limits.ts). */
export const nonNegativeMoney = (label: string) => decimalField(parseMoney, label, MAX_ENTRY_MICROS, LIMIT_TEXT.entry);
/** Per-minute rates and the fixed markup. */
export const nonNegativeRate = (label: string) => decimalField(parseRate, label, MAX_RATE_E8, LIMIT_TEXT.rate);
export const nonNegativePercent = (label: string) => decimalField(parsePercent, label, MAX_PERCENT_E4, `${LIMIT_TEXT.percent} %`);
/** A threshold compared with a balance: within the balance limit. */
export const nonNegativeBalance = (label: string) => decimalField(parseMoney, label, MAX_BALANCE_MICROS, LIMIT_TEXT.balance);

export const idField = z.number({ error: 'An id is required' }).int().positive().max(Number.MAX_SAFE_INTEGER);
export const byId = z.object({ id: idField }).strict();
