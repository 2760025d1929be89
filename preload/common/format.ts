/**
 * Display of exact decimal strings from main (DESIGN.md "Money"). Intl.NumberFormat
 * formats a decimal *string* exactly (ECMA-402 NumberFormat v3), so no value ever
 * passes through a JavaScript float on its way to the screen.
 */
export const DISPLAY_LOCALE = 'en-US';
/** The reseller's account currency; configurable once settings are stored in the database. */
export const DISPLAY_CURRENCY = 'USD';

type DecimalText = string;

// Intl's TypeScript signature says number, but the runtime accepts a decimal string exactly.
const asIntlInput = (value: DecimalText): number => value as unknown as number;

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(key: string, options: Intl.NumberFormatOptions, locale = DISPLAY_LOCALE): Intl.NumberFormat {
  let format = formatters.get(`${locale}:${key}`);
  if (!format) {
    format = new Intl.NumberFormat(locale, { roundingMode: 'halfExpand', ...options });
    formatters.set(`${locale}:${key}`, format);
  }
  return format;
}

/**
 * The one rule for how an amount is shown (issue 10), by what the amount is. Every page
 * formats through it, so the same kind of amount reads the same everywhere. Storage keeps
 * its full precision (micros, 1e-8 rates); this is display only, rounded half-up.
 */
export const AMOUNT_DISPLAY = {
  /** Balances, payments, charges, fees, ledger entries, totals: cents, "$29.95". */
  money: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  /** What one call costs, earns or changes by (calls tables, the price preview, a re-rate): "$0.0123". */
  perCall: { minimumFractionDigits: 4, maximumFractionDigits: 4 },
  /** A per-minute rate worked out by the app (a sell rate from a markup, a provider cost): "$0.0125". */
  rate: { minimumFractionDigits: 4, maximumFractionDigits: 4 },
  /**
   * A per-minute rate the reseller sets and edits (a DID's rate, a markup, a custom rate):
   * at least 4 decimals and up to the provider's 8 when it has them, so what was typed
   * (0.00125) is never shown as something else (0.0013).
   */
  ownRate: { minimumFractionDigits: 4, maximumFractionDigits: 8 },
} as const satisfies Record<string, { minimumFractionDigits: number; maximumFractionDigits: number }>;

export type AmountKind = keyof typeof AMOUNT_DISPLAY;
export type MoneyKind = Extract<AmountKind, 'money' | 'perCall'>;
export type RateKind = Extract<AmountKind, 'rate' | 'ownRate'>;

/** Any amount by its kind, in the account currency: "$29.95", "$0.0123". */
export function formatAmount(value: DecimalText, kind: AmountKind, currency = DISPLAY_CURRENCY, locale = DISPLAY_LOCALE): string {
  return formatter(`${kind}:${currency}`, { style: 'currency', currency, ...AMOUNT_DISPLAY[kind] }, locale).format(asIntlInput(value));
}

/** Money: balances, payments, fees and totals to 2 decimals; `perCall` amounts to 4. Half-expand: 1.005 shows as $1.01. */
export function formatMoney(value: DecimalText, kind: MoneyKind = 'money', currency = DISPLAY_CURRENCY, locale = DISPLAY_LOCALE): string {
  return formatAmount(value, kind, currency, locale);
}

/** A per-minute rate: 4 decimals; a rate the reseller sets (`ownRate`) keeps its own, up to 8. */
export function formatRate(value: DecimalText, kind: RateKind = 'rate', currency = DISPLAY_CURRENCY): string {
  return formatAmount(value, kind, currency);
}

/** "20.0000" → "20%", "12.5000" → "12.5%". */
export function formatPercent(value: DecimalText): string {
  return formatter('percent', { style: 'unit', unit: 'percent', maximumFractionDigits: 4 }).format(asIntlInput(value));
}

/** "0.00500000" → "0.0050": drops trailing zeros beyond `minDecimals`, for editing. */
export function trimDecimal(value: DecimalText, minDecimals: number): DecimalText {
  const [whole, fraction = ''] = value.split('.');
  let kept = fraction.replace(/0+$/, '');
  if (kept.length < minDecimals) kept = kept.padEnd(minDecimals, '0');
  return kept === '' ? (whole ?? value) : `${whole}.${kept}`;
}

const dateFormat = new Intl.DateTimeFormat(DISPLAY_LOCALE, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(DISPLAY_LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** ISO timestamp → "Mar 4, 2026, 2:05 PM" in the reseller's locale. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** ISO timestamp → "Mar 4, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
