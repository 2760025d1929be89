import { Decimal } from 'decimal.js';

/** The provider cost the guide uses in its example: 1 cent per minute. */
export const EXAMPLE_COST_RATE = '0.01';

const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Guide: sell rate = (cost rate + fixed markup) × (1 + percent / 100); cost 0.01 with
 * 20 % sells at 0.012. For the form's live example only: the rating engine in main is
 * what bills calls. Returns null while the markups are not plain decimals yet.
 */
export function exampleSellRate(costRate: string, markupFixed: string, markupPercent: string): string | null {
  const fixed = markupFixed.trim();
  const percent = markupPercent.trim();
  if (!PLAIN_DECIMAL.test(fixed) || !PLAIN_DECIMAL.test(percent)) return null;
  return new Decimal(costRate).plus(fixed).times(new Decimal(percent).dividedBy(100).plus(1)).toFixed();
}
