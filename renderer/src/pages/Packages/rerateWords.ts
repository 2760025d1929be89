import { Decimal } from 'decimal.js';
import { formatMoney } from '../../../../preload/common/format';
import { plural } from '../../../../preload/common/plural';

export const callCount = (count: number): string => plural(count, 'call', 'calls');
export const clientCount = (count: number): string => plural(count, 'client', 'clients');

/**
 * A charge difference of calls to 4 decimals (a per-call amount, preload/common/format.ts) with its sign always shown ("+$0.0300", "-$0.0100"),
 * so the direction does not depend on colour; a difference that rounds away is "$0.0000".
 */
export function signedMoney(value: string): string {
  const amount = new Decimal(value);
  const text = formatMoney(amount.abs().toFixed(), 'perCall');
  if (text === formatMoney('0', 'perCall')) return text;
  return amount.isNegative() ? `-${text}` : `+${text}`;
}

/** What the total difference means for the clients, in words. */
export function totalEffect(difference: string, tense: 'will' | 'did'): string {
  const amount = new Decimal(difference);
  const money = formatMoney(amount.abs().toFixed(), 'perCall');
  if (amount.isZero()) return tense === 'will' ? 'The charges stay the same.' : 'The charges did not change.';
  const direction = amount.isPositive() ? 'more' : 'less';
  return tense === 'will' ? `Clients will be charged ${money} ${direction} in total.` : `Clients were charged ${money} ${direction} in total.`;
}
