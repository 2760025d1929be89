import { Decimal } from 'decimal.js';
import { useState } from 'react';
import type { RerateResult } from '../../../preload/schemas/calls';
import { toApiError, useChannelMutation } from './channel';

export type ClientDifference = RerateResult['differences'][number];

export interface RerateTotals {
  calls: number;
  before: string;
  after: string;
  difference: string;
}

/** The sums of the per-client figures, exactly (money stays decimal text, never a float). */
export function rerateTotals(differences: readonly ClientDifference[]): RerateTotals {
  let before = new Decimal(0);
  let after = new Decimal(0);
  let difference = new Decimal(0);
  let calls = 0;
  for (const row of differences) {
    calls += row.calls;
    before = before.plus(row.before);
    after = after.plus(row.after);
    difference = difference.plus(row.difference);
  }
  return { calls, before: before.toFixed(), after: after.toFixed(), difference: difference.toFixed() };
}

/**
 * "Re-rate open cycles" of a package (`calls.rerate`): after its prices or custom rates
 * changed, the calls of billing cycles not yet closed are priced again. Closed cycles
 * were billed and never change, so only open ones are touched. The answer shown belongs
 * to the saved prices it was asked with (`pricesVersion`, the package's `updatedAt`):
 * saving prices or rates makes it stale. Applying changes calls and balances, which main
 * announces, so every view of them reads again.
 */
export function useRerate(packageId: number, pricesVersion: string) {
  const mutation = useChannelMutation('calls.rerate');
  const [shown, setShown] = useState<{ result: RerateResult; packageId: number; pricesVersion: string } | null>(null);
  const busy = mutation.isPending ? (mutation.variables.apply ? 'apply' : 'preview') : null;

  async function run(apply: boolean): Promise<RerateResult | null> {
    // A preview starts afresh; an apply keeps the preview on screen until its own answer arrives.
    if (!apply) setShown(null);
    const askedFor = { packageId, pricesVersion };
    try {
      const result = await mutation.mutateAsync({ packageId, apply });
      setShown({ result, ...askedFor });
      return result;
    } catch {
      return null;
    }
  }

  const current = shown && shown.packageId === packageId && shown.pricesVersion === pricesVersion ? shown.result : null;
  return {
    result: current,
    busy,
    error: mutation.error ? toApiError(mutation.error) : null,
    preview: () => run(false),
    apply: () => run(true),
  };
}
