import { Decimal } from 'decimal.js';
import type { CallDisposition } from '../engine/types';
import { daysInMonth } from '../engine/billingDates';
import { decimalToMicros, MONEY_DECIMALS, RATE_DECIMALS } from '../money/decimal';
import { micros, rateE8 } from '../money/units';
import type { CdrRejection, ParsedCdr } from './types';

/**
 * One set of rules for a CDR from either file format (DESIGN.md "Sync": CDRs are pulled
 * from the API or imported from the portal's CSV export). Pure: text in, plain data out.
 * Every problem of a row is reported at once so a reseller can fix the file in one pass.
 */

/** The provider's field names (methods.json `getCDR` / `getResellerCDR`, the portal CSV header). */
export const CDR_FIELDS = [
  'date',
  'callerid',
  'destination',
  'description',
  'account',
  'disposition',
  'duration',
  'seconds',
  'rate',
  'total',
  'uniqueid',
] as const;

const DISPOSITIONS: ReadonlyMap<string, CallDisposition> = new Map<string, CallDisposition>([
  ['ANSWERED', 'ANSWERED'],
  ['NO ANSWER', 'NO ANSWER'],
  // The API's filter parameter is spelled `noanswer`; accept that spelling in a file too.
  ['NOANSWER', 'NO ANSWER'],
  ['BUSY', 'BUSY'],
  ['FAILED', 'FAILED'],
]);

// Character codes of the date-time and decimal readers below.
const DASH = 0x2d;
const SPACE = 0x20;
const LETTER_T = 0x54;
const COLON = 0x3a;
const DOT = 0x2e;
const ZERO = 0x30;

const DURATION = /^(\d+):([0-5]\d):([0-5]\d)$/;
/** "12" or "12.000": a bare JSON number may carry a zero fraction. */
const WHOLE_NUMBER = /^(\d+)(?:\.0*)?$/;
const PLAIN_DECIMAL = /^(\d*)(?:\.(\d*))?$/;
const EXPONENT_DECIMAL = /^\d+(?:\.\d*)?[eE][+-]?\d+$/;
/** "Inbound DID", "Inbound - Local Caller"; `destination_type` "IN:USA" (methods.json sample). */
const INBOUND_DESCRIPTION = /^inbound/i;
const INBOUND_TYPE = /^in(?:bound)?(?![a-z])/i;

export function normalizeCdrRecord(record: Record<string, unknown>, line: number): ParsedCdr | CdrRejection {
  const problems: string[] = [];
  const callId = required(readText(record['uniqueid'], 'uniqueid', problems), 'uniqueid', problems);
  const dateText = required(readText(record['date'], 'date', problems), 'date', problems);
  const account = required(readText(record['account'], 'account', problems), 'account', problems);
  const dispositionText = required(readText(record['disposition'], 'disposition', problems), 'disposition', problems);
  const secondsText = readText(record['seconds'], 'seconds', problems);
  const durationText = readText(record['duration'], 'duration', problems);
  const rateText = readText(record['rate'], 'rate', problems);
  const totalText = readText(record['total'], 'total', problems);
  const callerId = readText(record['callerid'], 'callerid', problems);
  const destinationText = readText(record['destination'], 'destination', problems);
  const description = readText(record['description'], 'description', problems);
  const destinationType = readText(record['destination_type'], 'destination_type', problems);

  const startedAt = dateText === '' ? '' : parseStartedAt(dateText);
  if (startedAt === null) {
    problems.push(`date ${quote(dateText)} is not a real date-time (expected YYYY-MM-DD HH:MM:SS)`);
  }
  const disposition = dispositionText === '' ? undefined : parseDisposition(dispositionText);
  if (dispositionText !== '' && disposition === undefined) {
    problems.push(`disposition ${quote(dispositionText)} is not ANSWERED, NO ANSWER, BUSY or FAILED`);
  }
  const seconds = parseSeconds(secondsText, durationText, problems);
  const costRate = rateText === '' ? null : parseScaledDecimal('rate', rateText, RATE_DECIMALS, problems);
  const costTotal = totalText === '' ? null : parseScaledDecimal('total', totalText, MONEY_DECIMALS, problems);
  if (problems.length > 0 || startedAt === null || disposition === undefined || seconds === null) {
    return { line, reason: problems.join('; ') };
  }

  // Portal exports of international calls may write the destination in E.164 ("+44...").
  // The '+' stays: it is what tells '+3212345678' (Belgium) from ten NANP-shaped digits,
  // and the one normaliser (preload/common/phone.ts) reads it when the call is rated.
  const destination = destinationText;
  const inbound = INBOUND_DESCRIPTION.test(description) || INBOUND_TYPE.test(destinationType);
  return {
    line,
    callId,
    startedAt,
    callerId,
    destination,
    description,
    account,
    disposition,
    seconds,
    costRate: costRate === null ? null : rateE8(costRate),
    costTotal: costTotal === null ? null : micros(costTotal),
    direction: inbound ? 'inbound' : 'outbound',
    // Provider quirk: for an inbound call `destination` is the DID that was called, not the caller.
    didNumber: inbound && destination !== '' ? destination : null,
  };
}

/**
 * A field's value as trimmed text; '' when absent. The API sends strings, but some numbers
 * arrive bare. (The caller reads the value by a literal name: one lookup site per field
 * keeps V8's property access fast, where `record[name]` here saw every name.)
 */
function readText(value: unknown, name: string, problems: string[]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  problems.push(`${name} is not text or a number`);
  return '';
}

function required(value: string, name: string, problems: string[]): string {
  if (value === '') problems.push(`missing ${name}`);
  return value;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function parseDisposition(text: string): CallDisposition | undefined {
  return DISPOSITIONS.get(text) ?? DISPOSITIONS.get(text.toUpperCase().replace(/[\s_]+/g, ' '));
}

/** 'YYYY-MM-DD HH:MM:SS' when the text is a real date-time (the provider's "0000-00-00" is not). */
export function parseStartedAt(text: string): string | null {
  // /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/ read character by character: no match array per call.
  if (text.length !== 19) return null;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    (separator !== SPACE && separator !== LETTER_T) ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return null;
  }
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return null;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return separator === SPACE ? text : `${text.slice(0, 10)} ${text.slice(11)}`;
}

/** The value of `count` ASCII digits from `start`; -1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `seconds` wins over `duration` ("HH:MM:SS") when both are present; `duration` fills in when it is absent. */
function parseSeconds(secondsText: string, durationText: string, problems: string[]): number | null {
  if (secondsText !== '') {
    // Up to 15 digits: the value is exact, WHOLE_NUMBER would take it whole.
    if (secondsText.length <= 15) {
      const value = digitsAt(secondsText, 0, secondsText.length);
      if (value >= 0) return value;
    }
    const whole = WHOLE_NUMBER.exec(secondsText);
    const value = whole ? Number(whole[1]) : NaN;
    if (Number.isSafeInteger(value)) return value;
    problems.push(
      secondsText.startsWith('-')
        ? `seconds ${quote(secondsText)} is negative`
        : `seconds ${quote(secondsText)} is not a whole number`,
    );
    return null;
  }
  if (durationText === '') {
    problems.push('missing seconds and duration');
    return null;
  }
  const match = DURATION.exec(durationText);
  if (!match) {
    problems.push(`duration ${quote(durationText)} is not HH:MM:SS`);
    return null;
  }
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/**
 * A non-negative decimal as an integer scaled by 10^decimals. The provider writes 8
 * decimals ("0.00913578"); money keeps 6, so most totals need one half-up rounding. On
 * digit strings that is exact without decimal.js: up when the first dropped digit is ≥ 5
 * (tested equal to decimalToMicros). Bare JSON numbers may come as 9e-7: decimal.js then.
 */
function parseScaledDecimal(name: string, text: string, decimals: number, problems: string[]): number | null {
  const fast = scaledDigits(text, decimals);
  if (fast >= 0) return fast;
  const unsigned = text.startsWith('+') ? text.slice(1) : text;
  if (unsigned.startsWith('-') || (unsigned !== text && unsigned.startsWith('+'))) {
    const rest = unsigned.slice(1);
    if (unsigned !== text || rest.startsWith('-') || rest.startsWith('+')) {
      // One sign only: "--0" and "-+0" are not numbers (not zeros).
      problems.push(`${name} ${quote(text)} is not a decimal number`);
      return null;
    }
    const magnitude = parseScaledDecimal(name, rest, decimals, []);
    if (magnitude === 0) return 0;
    problems.push(`${name} ${quote(text)} is negative`);
    return null;
  }
  const plain = PLAIN_DECIMAL.exec(unsigned);
  let value: number;
  if (plain && (plain[1] !== '' || (plain[2] ?? '') !== '')) {
    const whole = plain[1] || '0';
    const fraction = plain[2] ?? '';
    value =
      fraction.length <= decimals
        ? Number(whole + fraction.padEnd(decimals, '0'))
        : Number(whole + fraction.slice(0, decimals)) + (fraction.charCodeAt(decimals) >= FIVE ? 1 : 0);
  } else if (EXPONENT_DECIMAL.test(unsigned)) {
    value = roundWithDecimalJs(unsigned, decimals);
  } else {
    problems.push(`${name} ${quote(text)} is not a decimal number`);
    return null;
  }
  if (Number.isSafeInteger(value)) return value;
  problems.push(`${name} ${quote(text)} is too large`);
  return null;
}

const FIVE = 0x35;

/**
 * The common case of parseScaledDecimal without a match array or string concatenation:
 * digits, then optionally '.' and digits, with at most 15 digits kept (so exact in a
 * double). Same value, same half-up rounding on the first dropped digit; -1 for anything
 * else, which the general path then reads.
 */
function scaledDigits(text: string, decimals: number): number {
  const length = text.length;
  let value = 0;
  let i = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) break;
    value = value * 10 + digit;
  }
  if (i === 0 || i + decimals > 15) return -1;
  if (i < length) {
    if (text.charCodeAt(i) !== DOT) return -1;
    i++;
  }
  for (let kept = 0; kept < decimals; kept++) {
    let digit = 0;
    if (i < length) {
      digit = text.charCodeAt(i) - ZERO;
      if (!(digit >= 0 && digit <= 9)) return -1;
      i++;
    }
    value = value * 10 + digit;
  }
  let roundUp = false;
  for (let first = true; i < length; i++, first = false) {
    const digit = text.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    if (first) roundUp = digit >= 5;
  }
  return roundUp ? value + 1 : value;
}

function roundWithDecimalJs(text: string, decimals: number): number {
  const scaled = new Decimal(text).times(new Decimal(10).pow(decimals));
  if (scaled.gt(Number.MAX_SAFE_INTEGER)) return Number.POSITIVE_INFINITY;
  // Money goes through the shared helper so a provider total rounds like every other amount.
  if (decimals === MONEY_DECIMALS) return decimalToMicros(text);
  return scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}
