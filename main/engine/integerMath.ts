/**
 * Exact integer arithmetic for rating. Money never goes through a float: every
 * amount is an integer in a fixed unit (micros, 1e-8 rates, 1e-4 percent) and each
 * computed amount is rounded once, half-up (DESIGN.md "Money").
 *
 * The hot path multiplies two safe integers and divides by a constant. When the
 * product stays within Number.MAX_SAFE_INTEGER the double arithmetic is exact, so
 * plain numbers are used; only a product that could lose precision falls back to
 * BigInt for that one computation.
 */

/**
 * Exact `numerator / denominator` rounded half-up, for BigInt operands.
 * Half-up is "half away from zero" for negative numerators, the same convention as
 * `decimalToMicros` in main/money, so a negative amount mirrors its positive.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfUp: the denominator must be positive');
  if (numerator < 0n) return -divideHalfUp(-numerator, denominator);
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/**
 * Exact `numerator / denominator` rounded half-up for safe-integer numbers.
 * The quotient from a float division can be one off for large operands, so it is
 * corrected with the exact integer remainder.
 */
export function divideHalfUpNumber(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('divideHalfUpNumber: safe integers and a positive denominator are required');
  }
  if (numerator < 0) return -divideHalfUpNumber(-numerator, denominator);
  let quotient = Math.floor(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  if (remainder < 0) {
    quotient -= 1;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient += 1;
    remainder -= denominator;
  }
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/**
 * Exact `a × b / denominator` rounded half-up. Operands are safe integers.
 * The result is a number; when it cannot be represented exactly (beyond
 * MAX_SAFE_INTEGER) it is not a safe integer, which callers check with
 * `Number.isSafeInteger` and report instead of storing a wrong amount.
 */
export function multiplyDivideHalfUp(a: number, b: number, denominator: number): number {
  const product = a * b;
  // A double product at or below MAX_SAFE_INTEGER is the exact product: rounding is
  // monotonic, so an exact product above it can never round down to or below it.
  if (product <= Number.MAX_SAFE_INTEGER && product >= -Number.MAX_SAFE_INTEGER) {
    return divideHalfUpNumber(product, denominator);
  }
  return Number(divideHalfUp(BigInt(a) * BigInt(b), BigInt(denominator)));
}

/** `ceil(seconds / pulse) × pulse` for a non-negative integer of seconds (DESIGN rule 4). */
export function roundUpToPulse(seconds: number, pulseSeconds: number): number {
  const steps = Math.floor((seconds + pulseSeconds - 1) / pulseSeconds);
  return steps * pulseSeconds;
}

/** Whole minutes rounded up: 3 min 11 s → 4 (Guide: free minutes in total rounded minutes). */
export function wholeMinutesRoundedUp(seconds: number): number {
  return Math.floor((seconds + 59) / 60);
}
