import type { ParsedCdr } from '../../cdr/types';
import { costRateOf, type CallRecord } from '../../engine';
import { micros, rateE8, type RateE8 } from '../../money';
import { canonicalDid } from '../dids';
import type { StoredCall } from './statements';
import { cycleStartFor, type AccountBinding, type RatingWorld } from './world';

/**
 * What the engine rates, and where the call belongs: made from a parsed CDR (an import)
 * or from a stored call row (a re-rate, a late call's cycle) — by the two functions
 * below, and nowhere else.
 */
export interface CallToRate {
  record: CallRecord;
  /** The provider's fields rating does not read, kept for the row. */
  cdr: Pick<ParsedCdr, 'account' | 'callerId' | 'description' | 'didNumber'>;
  binding: AccountBinding | undefined;
  cycleStart: string | null;
  rowId?: number;
}

/** Where a call belongs: the binding of its sub account and the cycle its day falls in. */
export interface CallPlacement {
  binding: AccountBinding | undefined;
  cycleStart: string | null;
}


/** Guide: an inbound call is sold at its DID's per-minute rate, when the DID belongs to the client the call was routed to. */
export function didRateFor(world: RatingWorld, didNumber: string | null, clientId: number | null | undefined): RateE8 {
  if (!didNumber) return rateE8(0);
  const did = world.dids.get(canonicalDid(didNumber));
  return did && did.clientId === clientId ? did.minuteRate : rateE8(0);
}

/** The cycle of the client package a call's sub account is bound to, that its day falls in. */
function cycleOf(world: RatingWorld, binding: AccountBinding | undefined, startedAt: string): string | null {
  const connection = binding?.clientPackageId == null ? undefined : world.clientPackages.get(binding.clientPackageId);
  return connection ? cycleStartFor(startedAt.slice(0, 10), connection) : null;
}

/** The binding of the call's sub account and its cycle, as the world is now. */
export function placeCall(world: RatingWorld, account: string, startedAt: string): CallPlacement {
  const binding = world.account(account);
  return { binding, cycleStart: cycleOf(world, binding, startedAt) };
}

/** A call record of the import. */
export function parsedCdrToRate(cdr: ParsedCdr, world: RatingWorld): CallToRate {
  // The hot path of an import: no placement object per call.
  const binding = world.account(cdr.account);
  const record: CallRecord = {
    callId: cdr.callId,
    startedAt: cdr.startedAt,
    direction: cdr.direction,
    destination: cdr.destination,
    seconds: cdr.seconds,
    disposition: cdr.disposition,
    costRate: costRateOf(cdr),
    costTotal: cdr.costTotal ?? micros(0),
  };
  if (cdr.direction === 'inbound') record.didRate = didRateFor(world, cdr.didNumber, binding?.clientId);
  return {
    record,
    cdr: { account: cdr.account, callerId: cdr.callerId, description: cdr.description, didNumber: cdr.didNumber },
    binding,
    cycleStart: cycleOf(world, binding, cdr.startedAt),
  };
}

/**
 * A stored call, rated again in place (its row id kept). `placement`: where it is known
 * to belong (the cycle being re-rated); else looked up from its sub account.
 */
export function storedCallToRate(row: StoredCall, world: RatingWorld, placement: CallPlacement = placeCall(world, row.account, row.started_at)): CallToRate {
  const record: CallRecord = {
    callId: row.call_id,
    startedAt: row.started_at,
    direction: row.direction,
    destination: row.destination,
    seconds: row.seconds,
    // Only what the parser accepted was stored.
    disposition: row.disposition as CallRecord['disposition'],
    costRate: rateE8(row.cost_rate_e8),
    costTotal: micros(row.cost_micros),
  };
  if (row.direction === 'inbound') record.didRate = didRateFor(world, row.did_number, placement.binding?.clientId);
  return {
    record,
    cdr: { account: row.account, callerId: row.caller_id, description: row.description, didNumber: row.did_number },
    binding: placement.binding,
    cycleStart: placement.cycleStart,
    rowId: row.id,
  };
}
