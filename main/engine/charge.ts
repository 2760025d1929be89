/**
 * DESIGN rule 7: charge = per-minute rate × seconds / 60, rounded half-up to a micro.
 * The one copy of the formula, for what the client pays (rating), what the provider
 * charges (pricing's cost of a call) and the demo's provider totals.
 */
import { multiplyDivideHalfUp } from './integerMath';

/** A rate in 1e-8 per minute times seconds, in micros: rate × seconds / 60 × 1e6 / 1e8 = rate × seconds / 6000. */
const RATE_SECONDS_PER_MICRO = 6000;

/**
 * The charge in micros of `seconds` at `rate` (1e-8 per minute), half-up. Not a safe
 * integer when the amount cannot be represented exactly (callers report it).
 */
export function chargeFor(rate: number, seconds: number): number {
  return multiplyDivideHalfUp(rate, seconds, RATE_SECONDS_PER_MICRO);
}
