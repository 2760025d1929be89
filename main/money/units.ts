/**
 * Branded integer units for money. A plain `number` cannot be passed where one of
 * these is expected: values are made only by the constructors below (or by parsing),
 * which refuse anything that is not a safe integer, so a float never reaches storage.
 */
declare const microsBrand: unique symbol;
declare const rateBrand: unique symbol;
declare const percentBrand: unique symbol;

/** An amount of money in millionths of the account currency (DESIGN.md "Money"). */
export type Micros = number & { readonly [microsBrand]: true };
/** A per-minute rate in 1e-8 of the currency: the provider's precision (8 decimals). */
export type RateE8 = number & { readonly [rateBrand]: true };
/** A percentage in 1e-4 of a percent: 20 % is 200_000. */
export type PercentE4 = number & { readonly [percentBrand]: true };

class UnitError extends Error {
  readonly code = 'invalid_amount';
}

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new UnitError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

export function micros(value: number): Micros {
  assertSafeInteger(value, 'micros');
  return value as Micros;
}

export function rateE8(value: number): RateE8 {
  assertSafeInteger(value, 'rate');
  return value as RateE8;
}

export function percentE4(value: number): PercentE4 {
  assertSafeInteger(value, 'percent');
  return value as PercentE4;
}

export const ZERO_MICROS = micros(0);
