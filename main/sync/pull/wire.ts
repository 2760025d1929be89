import { Decimal } from 'decimal.js';
import type { Route } from '../../../db/schema';
import { decimalToMicros, micros, type Micros } from '../../money';
import type { ProviderReply } from '../provider';

/**
 * Reading the provider's replies leniently (../shared/spec/voipms-api.md "Wire
 * conventions"): everything arrives as strings, some numbers bare; an empty list is a
 * missing field under a `no_*` status; a fetch-one call may answer an object where a list
 * was expected; "0000-00-00" is no date.
 */

export type WireRecord = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is WireRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The records of a list field: [] when absent (a `no_*` status), one when the provider sent an object. */
export function listField(reply: ProviderReply, field: string): WireRecord[] {
  const value = reply[field];
  if (Array.isArray(value)) return value.filter(isRecord);
  if (isRecord(value)) return [value];
  return [];
}

/** An object field (getResellerBalance's `balance`), or an empty record. */
export function objectField(reply: ProviderReply, field: string): WireRecord {
  const value = reply[field];
  return isRecord(value) ? value : {};
}

/** A field as trimmed text; '' when absent or not text/number. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function decimalOf(value: unknown): Decimal | null {
  const raw = text(value);
  if (raw === '') return null;
  try {
    const parsed = new Decimal(raw);
    return parsed.isFinite() ? parsed : null;
  } catch {
    return null;
  }
}

/** A decimal amount as micros (half-up, as every amount), or `fallback` when absent or unreadable. */
export function moneyField(value: unknown, fallback: Micros = micros(0)): Micros {
  const parsed = decimalOf(value);
  return parsed === null ? fallback : decimalToMicros(parsed);
}

/** A decimal scaled by 10^decimals (a rate: 8, a percentage: 4), half-up; `fallback` when unreadable. */
export function scaledField(value: unknown, decimals: number, fallback = 0): number {
  const parsed = decimalOf(value);
  if (parsed === null) return fallback;
  return parsed.times(new Decimal(10).pow(decimals)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** A whole number ("60", 60, "60.000"), or `fallback`. */
export function wholeField(value: unknown, fallback: number): number {
  const parsed = decimalOf(value);
  return parsed !== null && parsed.isInteger() ? parsed.toNumber() : fallback;
}

/** getRoutes: 1 = Value, 2 = Premium. */
export function routeField(value: unknown): Route {
  return text(value) === '2' ? 'premium' : 'value';
}

/** A 'YYYY-MM-DD' date, or null for "0000-00-00", blanks and anything else. */
export function dateField(value: unknown): string | null {
  const raw = text(value).slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) && raw !== '0000-00-00' ? raw : null;
}
