import { Decimal } from 'decimal.js';
import { create } from 'zustand';
import type { ApiError } from '../../../preload/result';
import type { RerateResult } from '../../../preload/schemas/calls';
import { api } from '../api';

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

interface RerateState {
  /** The package the result belongs to, and its `updatedAt` then: saving prices or rates makes it stale. */
  packageId: number | null;
  pricesVersion: string | null;
  result: RerateResult | null;
  busy: 'preview' | 'apply' | null;
  error: ApiError | null;
  /** Prices the open cycles again without changing anything. */
  preview(packageId: number, pricesVersion: string): Promise<void>;
  /** Re-rates for real; resolves with what was applied, or null when main refused. */
  apply(packageId: number, pricesVersion: string): Promise<RerateResult | null>;
  clear(): void;
}

const EMPTY = { packageId: null, pricesVersion: null, result: null, busy: null, error: null } as const;

/**
 * "Re-rate open cycles" of a package (`calls.rerate`): after its prices or custom rates
 * changed, the calls of billing cycles not yet closed are priced again. Closed cycles
 * were billed and never change, so only open ones are touched.
 */
export const useRerate = create<RerateState>()((set, get) => {
  async function run(packageId: number, pricesVersion: string, apply: boolean): Promise<RerateResult | null> {
    set({ packageId, pricesVersion, busy: apply ? 'apply' : 'preview', error: null, ...(apply ? {} : { result: null }) });
    const answer = await api.calls.rerate({ packageId, apply });
    // Another package was opened meanwhile: this answer is not about what the card shows.
    if (get().packageId !== packageId) return null;
    if (!answer.ok) {
      set({ busy: null, error: answer.error });
      return null;
    }
    set({ busy: null, result: answer.value });
    return answer.value;
  }

  return {
    ...EMPTY,

    preview: async (packageId, pricesVersion) => {
      await run(packageId, pricesVersion, false);
    },

    async apply(packageId, pricesVersion) {
      // Charges changed: the call lists and the dashboard refresh from main's 'data.changed'.
      return run(packageId, pricesVersion, true);
    },

    clear() {
      set(EMPTY);
    },
  };
});
