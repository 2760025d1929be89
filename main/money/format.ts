import { formatMoney as formatDecimalMoney } from '../../preload/common/format';
import { moneyToText } from './decimal';
import type { Micros } from './units';

/**
 * Display of stored micros (DESIGN.md "Money"): the window's formatter, fed the exact
 * decimal string, never a float.
 */
export function formatMoney(amount: Micros, currency: string, decimals: 2 | 4, locale = 'en-US'): string {
  return formatDecimalMoney(moneyToText(amount), decimals, currency, locale);
}
