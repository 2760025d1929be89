import { formatMoney as formatDecimalMoney, type MoneyKind } from '../../preload/common/format';
import { moneyToText } from './decimal';
import type { Micros } from './units';

/**
 * Display of stored micros (DESIGN.md "Money"): the window's formatter and its one rule
 * (preload/common/format.ts), fed the exact decimal string, never a float.
 */
export function formatMoney(amount: Micros, currency: string, kind: MoneyKind = 'money', locale = 'en-US'): string {
  return formatDecimalMoney(moneyToText(amount), kind, currency, locale);
}
