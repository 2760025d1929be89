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

/** Balances and per-call amounts: 4 decimals ("$1.2346"); invoice totals: 2. Half-expand: 1.000050 shows as 1.0001. */
export function formatMoney(value: DecimalText, decimals: 2 | 4 = 4, currency = DISPLAY_CURRENCY, locale = DISPLAY_LOCALE): string {
  return formatter(
    `money:${currency}:${decimals}`,
    {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    },
    locale,
  ).format(asIntlInput(value));
}

/**
 * Per-minute rates: at least 4 decimals ("$0.0050"), and up to the provider's 8 when
 * the rate has them, so a rate of 0.00125 is never shown as 0.0013.
 */
export function formatRate(value: DecimalText, currency = DISPLAY_CURRENCY): string {
  return formatter(`rate:${currency}`, {
    style: 'currency',
    currency,
    minimumFractionDigits: 4,
    maximumFractionDigits: 8,
  }).format(asIntlInput(value));
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
