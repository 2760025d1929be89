import { moneyToText } from './decimal';
import type { Micros } from './units';

/**
 * Display: balances and per-call amounts to 4 decimals, invoice totals to 2
 * (DESIGN.md "Money"). Intl formats the exact decimal string, not a float, so
 * 1.000050 shows as 1.0001 (half-expand), never as 1.0000.
 */
export function formatMoney(amount: Micros, currency: string, decimals: 2 | 4, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    roundingMode: 'halfExpand',
  });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 NumberFormat v3).
  return format.format(moneyToText(amount) as unknown as number);
}
