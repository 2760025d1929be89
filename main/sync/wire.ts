import { micros, moneyToText, rateE8, rateToText, type Micros, type RateE8 } from '../money';

/**
 * Reading and writing the provider's wire values (voipms-api.md "Wire conventions"):
 * everything arrives as strings ("0.00900000", "561115", "1"), some numeric fields as bare
 * JSON numbers, "0000-00-00" means no date, and a fetch-one call may answer an object where
 * a list was expected. Readers are lenient about those shapes and strict about the rest:
 * a value that is not what its field holds is a WireError, never a guess. Decimals go to
 * integer micros / 1e-8 rate units through text and BigInt, never through a float.
 */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** A scalar as text: strings trimmed, bare numbers in their exact JSON spelling; null/undefined → ''. */
export function wireText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return numberText(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new WireError(`Expected text, got ${JSON.stringify(value)}`);
}

/**
 * A JSON number's digits without exponent: 8.0588 → "8.0588", 1e-7 → "0.0000001". A bare
 * number on the wire was a decimal the provider printed; its shortest round-trip spelling
 * (what JSON.parse read) is that decimal.
 */
function numberText(value: number): string {
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!exponent) return text;
  const [, sign = '', whole = '', fraction = '', power = '0'] = exponent;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Decimal text scaled to an integer with `decimals` places, half-up (away from zero) past them. */
function scaleDecimal(value: unknown, decimals: number, what: string): number {
  const text = wireText(value);
  const match = DECIMAL.exec(text);
  if (text === '' || !match || (match[2] === '' && (match[3] ?? '') === '')) throw new WireError(`${what}: "${text}" is not a number`);
  const [, sign, whole = '', fraction = ''] = match;
  const kept = fraction.slice(0, decimals).padEnd(decimals, '0');
  let scaled = BigInt((whole || '0') + kept);
  const dropped = fraction.slice(decimals);
  if (dropped !== '' && dropped.charCodeAt(0) >= 53 /* '5' */) scaled += 1n;
  if (sign === '-') scaled = -scaled;
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER) || scaled < BigInt(Number.MIN_SAFE_INTEGER)) throw new WireError(`${what}: "${text}" is too large`);
  return scaled === 0n ? 0 : Number(scaled);
}

/** An amount ("8.0588", "0.00090000", 2.5, "-1.00") → micros; a blank is 0 (the provider's empty balance). */
export function wireMicros(value: unknown): Micros {
  if (wireText(value) === '') return micros(0);
  return micros(scaleDecimal(value, 6, 'Amount'));
}

/** A per-minute rate ("0.00900000", 0.01) → 1e-8 units. */
export function wireRateE8(value: unknown): RateE8 {
  if (wireText(value) === '') return rateE8(0);
  return rateE8(scaleDecimal(value, 8, 'Rate'));
}

/** A whole number ("561115", 60, "0060"); null when absent or blank. */
export function wireInteger(value: unknown): number | null {
  const text = wireText(value);
  if (text === '') return null;
  if (!/^[+-]?\d+$/.test(text)) throw new WireError(`"${text}" is not a whole number`);
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new WireError(`"${text}" is too large`);
  return number;
}

/** The provider's flags: "1"/1/"yes"/true are on; "0"/0/"no"/false/blank are off. */
export function wireBoolean(value: unknown): boolean {
  const text = wireText(value).toLowerCase();
  if (text === '1' || text === 'yes' || text === 'true') return true;
  if (text === '0' || text === 'no' || text === 'false' || text === '') return false;
  throw new WireError(`"${text}" is not a yes/no value`);
}

const NO_DATE = /^0000-00-00/;

/** "YYYY-MM-DD" (or the date of "YYYY-MM-DD HH:MM:SS"); null for "0000-00-00", blank or absent. */
export function wireDate(value: unknown): string | null {
  const text = wireText(value);
  if (text === '' || NO_DATE.test(text)) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (!match) throw new WireError(`"${text}" is not a date`);
  return match[1]!;
}

/** "YYYY-MM-DD HH:MM:SS" as sent (a date alone gets 00:00:00); null for "0000-00-00 00:00:00" or blank. */
export function wireDateTime(value: unknown): string | null {
  const text = wireText(value);
  if (text === '' || NO_DATE.test(text)) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) throw new WireError(`"${text}" is not a date and time`);
  return `${match[1]} ${match[2] ?? '00:00'}:${match[3] ?? '00'}`;
}

/** A list field: an array as is, one object (a fetch-one answer) as a list of one, absent or blank as empty. */
export function wireList(value: unknown): Record<string, unknown>[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (!isRecord(item)) throw new WireError(`Expected a list of objects, got ${JSON.stringify(item)}`);
      return item;
    });
  }
  if (isRecord(value)) return [value];
  throw new WireError(`Expected a list, got ${JSON.stringify(value)}`);
}

/** An object field (getBalance's `balance`); a list of one is read as its object. */
export function wireObject(value: unknown): Record<string, unknown> {
  if (Array.isArray(value) && value.length === 1 && isRecord(value[0])) return value[0];
  if (isRecord(value)) return value;
  throw new WireError(`Expected an object, got ${JSON.stringify(value)}`);
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// What the app sends. The provider reads amounts with up to 2 decimals (addCharge, addPayment), rates with 8.

/** Micros → the amount the provider reads: "25.00", "-1.50" (half-up past the cent). */
export function toWireAmount(amount: Micros): string {
  const cents = scaleDecimal(moneyToText(amount), 2, 'Amount');
  const negative = cents < 0;
  const digits = Math.abs(cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** 1e-8 units → "0.01000000". */
export const toWireRate = (rate: RateE8): string => rateToText(rate);

/** A local date "YYYY-MM-DD" checked, as the provider reads dates. */
export function toWireDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new WireError(`"${date}" is not a YYYY-MM-DD date`);
  return date;
}
