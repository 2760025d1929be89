import { rateE8, type Micros, type RateE8 } from '../money/units';
import type { RatedCall } from './types';
import { multiplyDivideHalfUp, roundUpToPulse } from './integerMath';

/** The provider bills most destinations in 6-second steps (voipms-api.md). */
export const PROVIDER_STEP_SECONDS = 6;

/** What the provider's record says about its cost. */
export interface ProviderCost {
  /** The per-minute rate, when the record has one. */
  costRate: RateE8 | null;
  /** The provider's total for the call, when the record has one. */
  costTotal: Micros | null;
  seconds: number;
}

/**
 * The cost rate of a call: the provider's per-minute rate when the record carries it.
 * getResellerCDR documents no `rate`, only `total`: the per-minute cost is then
 * recovered from the total over the provider's 6-second steps (the inverse of the
 * charge formula); no total or no duration gives 0.
 */
export function costRateOf(cost: ProviderCost): RateE8 {
  if (cost.costRate !== null) return cost.costRate;
  if (cost.costTotal === null || cost.costTotal <= 0 || cost.seconds <= 0) return rateE8(0);
  return rateE8(multiplyDivideHalfUp(cost.costTotal * 100, 60, roundUpToPulse(cost.seconds, PROVIDER_STEP_SECONDS)));
}

/**
 * Whether a call's sell price depends on the provider's cost. Guide: a custom rate overrides
 * the markup, so only the markup `(cost + fixed) × (1 + percent / 100)` needs the cost; a
 * custom rate, a free zone, a DID's rate or a call that costs nothing are known without it.
 */
export function sellRateNeedsCost(rule: RatedCall['rule']): boolean {
  return rule === 'markup';
}
