import { describe, expect, it } from 'vitest';
import { AMOUNT_DISPLAY, formatAmount, formatMoney, formatRate } from '../../../preload/common/format';

/** Issue 10: one rule for amounts, used on every page. */
describe('the amount display rule', () => {
  it.each([
    // kind, exact text from main, shown
    ['money', '29.950000', '$29.95'],
    ['money', '-42.123400', '-$42.12'],
    ['money', '1.005000', '$1.01'], // half-up, on the exact decimal (a float would say 1.00)
    ['money', '-1.005000', '-$1.01'],
    ['money', '1234567.000000', '$1,234,567.00'],
    ['perCall', '0.012345', '$0.0123'],
    ['perCall', '0.000050', '$0.0001'],
    ['perCall', '-0.044000', '-$0.0440'],
    ['rate', '0.01250000', '$0.0125'],
    ['rate', '0.00125000', '$0.0013'],
    ['ownRate', '0.00125000', '$0.00125'],
    ['ownRate', '0.01000000', '$0.0100'],
    ['ownRate', '0.12345678', '$0.12345678'],
  ] as const)('%s %s → %s', (kind, value, shown) => {
    expect(formatAmount(value, kind)).toBe(shown);
  });

  it('balances, payments and fees are money (2 decimals) unless said otherwise; rates 4', () => {
    expect(formatMoney('-42.1234')).toBe('-$42.12');
    expect(formatMoney('-42.1234', 'perCall')).toBe('-$42.1234');
    expect(formatRate('0.0180')).toBe('$0.0180');
    expect(formatRate('0.0010', 'ownRate')).toBe('$0.0010');
  });

  it('never shows fewer decimals than a per-call amount or a rate needs, nor more than the provider keeps', () => {
    expect(AMOUNT_DISPLAY.money).toEqual({ minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(AMOUNT_DISPLAY.perCall.minimumFractionDigits).toBe(4);
    expect(AMOUNT_DISPLAY.rate.maximumFractionDigits).toBe(4);
    expect(AMOUNT_DISPLAY.ownRate.maximumFractionDigits).toBe(8);
  });
});
