import type { UnratedReason } from './types';

/** Where a CDR's sub account leads, as far as rating cares (undefined: no such sub account here). */
export interface AccountLink {
  clientId: number | null;
  packageId: number | null;
}

/**
 * DESIGN rule 8: why a call cannot be rated before the rating rules are even asked —
 * its sub account is unknown here, or leads to no client package. Null when it can be
 * rated. The call is kept and listed with this reason, never dropped.
 */
export function accountProblem(account: string, link: AccountLink | undefined): { reason: UnratedReason; message: string } | null {
  if (!link) {
    return { reason: 'unknown_account', message: `Sub account ${account} is not known here: create it (or sync it), then re-rate` };
  }
  if (link.clientId === null || link.packageId === null) {
    return { reason: 'no_package', message: `Sub account ${account} has no client package: connect one, then re-rate` };
  }
  return null;
}
