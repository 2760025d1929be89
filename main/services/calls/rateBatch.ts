import { accountProblem, compareCallsChronologically, rateCall, rateCycle, type CallRating, type CallRecord, type CompiledPackage, type UnratedReason } from '../../engine';
import { storedCallToRate, type CallToRate } from './callToRate';
import type { CallStatements, CallValues, CycleSummary, StoredCall } from './statements';
import type { RatingWorld } from './world';

export type { CallToRate } from './callToRate';

export interface RatedRow {
  values: CallValues;
  rowId?: number;
}

/** Why the call's sub account cannot be rated: the engine's one UnratedReason (main/engine/unrated.ts). */
function unratedReason(call: CallToRate): { reason: UnratedReason; message: string } | null {
  return accountProblem(call.cdr.account, call.binding);
}

export function rowValues(call: CallToRate, rating: CallRating | null, importId: number | null): CallValues {
  const missing = unratedReason(call);
  const base: CallValues = {
    call_id: call.record.callId,
    started_at: call.record.startedAt,
    account: call.cdr.account,
    caller_id: call.cdr.callerId,
    destination: call.record.destination,
    description: call.cdr.description,
    direction: call.record.direction,
    disposition: call.record.disposition,
    seconds: call.record.seconds,
    cost_rate_e8: call.record.costRate,
    cost_micros: call.record.costTotal,
    did_number: call.cdr.didNumber,
    subaccount_id: call.binding?.subaccountId ?? null,
    client_id: call.binding?.clientId ?? null,
    client_package_id: call.binding?.clientPackageId ?? null,
    package_id: call.binding?.packageId ?? null,
    cycle_start: call.cycleStart,
    status: 'unrated',
    unrated_reason: missing?.message ?? null,
    rule: null,
    custom_rate_id: null,
    free_zone: 0,
    sell_rate_e8: 0,
    billed_seconds: 0,
    free_seconds: 0,
    free_minutes_used: 0,
    charge_micros: 0,
    country: null,
    import_id: importId,
  };
  if (missing || rating === null) return base;
  if (rating.status === 'unrated') return { ...base, unrated_reason: rating.message };
  return {
    ...base,
    status: 'rated',
    rule: rating.rule,
    custom_rate_id: rating.customRateId,
    free_zone: rating.freeZone ? 1 : 0,
    sell_rate_e8: rating.sellRate,
    billed_seconds: rating.billedSeconds,
    free_seconds: rating.freeSecondsUsed,
    free_minutes_used: rating.freeMinutesUsed,
    charge_micros: rating.charge,
    country: rating.country,
  };
}

interface CycleState {
  freeMinutesLeft: number;
  last: CallRecord | null;
}

/** Told of a late call in an open cycle with free minutes: the cycle, and the call. */
export type LateCallNote = (clientPackageId: number, cycleStart: string, call: Pick<CallRecord, 'startedAt' | 'callId'>) => void;

/** What rating needs to know of a cycle's stored calls. */
export interface CycleQueries {
  /** Free minutes used so far in a cycle. */
  used(clientPackageId: number, cycleStart: string): number;
  /** The latest call of a cycle (start time, then call id). */
  last(clientPackageId: number, cycleStart: string): { started_at: string; call_id: string } | undefined;
  /** Every call of a cycle, for a chronological re-rate. */
  calls(clientPackageId: number, cycleStart: string): StoredCall[];
}

/** The cycle queries on the stored calls (prepared statements). */
export function storedCycleQueries(statements: Pick<CallStatements, 'cycleUsed' | 'cycleLast' | 'cycleCalls'>): CycleQueries {
  return {
    used: (clientPackageId, cycleStart) => Number(statements.cycleUsed.get(clientPackageId, cycleStart) ?? 0),
    last: (clientPackageId, cycleStart) => statements.cycleLast.get(clientPackageId, cycleStart, 1),
    calls: (clientPackageId, cycleStart) => statements.cycleCalls.all(clientPackageId, cycleStart),
  };
}

/**
 * The cycle queries answered from one read of every stored cycle (`summaries`), for a bulk
 * import whose cycle index is dropped while it writes (deferredIndexes.ts): a cycle not
 * summarised has no stored call. Only `calls` still reads the table (an import never asks
 * it: its late calls' cycles are rated after the indexes are back, ratePendingCycles).
 */
export function summarisedCycleQueries(summaries: Iterable<CycleSummary>, stored: CycleQueries): CycleQueries {
  const byCycle = new Map<string, CycleSummary>();
  for (const summary of summaries) byCycle.set(`${summary.client_package_id}|${summary.cycle_start}`, summary);
  return {
    used: (clientPackageId, cycleStart) => Number(byCycle.get(`${clientPackageId}|${cycleStart}`)?.used ?? 0),
    last: (clientPackageId, cycleStart) => {
      const last = byCycle.get(`${clientPackageId}|${cycleStart}`)?.last;
      return last === undefined ? undefined : { started_at: last.slice(0, 19), call_id: last.slice(19) };
    },
    calls: stored.calls,
  };
}

/** For rating a whole cycle from scratch: nothing stored counts. */
export const emptyCycleQueries: CycleQueries = { used: () => 0, last: () => undefined, calls: () => [] };

/**
 * Rates a batch of new calls and, where a late call lands before calls already rated in
 * the same open cycle, re-rates that cycle (DESIGN rule 6: free minutes are allocated
 * chronologically). Returns (or hands to `sink`) the rows to insert and the stored rows
 * whose rating changed. A sink may write each row at once: a cycle's stored calls are
 * read before any row of that cycle is placed. With `onLate` (an import), a late call's
 * cycle is not re-rated here: the calls are rated in the order they came and the cycle is
 * handed to `onLate`, to be rated once from its earliest late call (ratePendingCycles).
 */
export function rateBatch(
  calls: CallToRate[],
  world: RatingWorld,
  queries: CycleQueries,
  cycleStates: Map<string, CycleState>,
  importId: number | null,
  sink?: (row: RatedRow) => void,
  onLate?: LateCallNote,
): { inserts: CallValues[]; updates: RatedRow[] } {
  const inserts: CallValues[] = [];
  const updates: RatedRow[] = [];
  const context = { ownDids: world.ownDids };
  // A call already stored (re-rating the unrated) is updated in place; a new one inserted.
  // With a sink, each row goes there as soon as it is rated (an import writes it at once
  // instead of holding the batch's rows); the arrays returned are then empty.
  const place = (call: CallToRate, values: CallValues): void => {
    if (sink) sink(call.rowId === undefined ? { values } : { values, rowId: call.rowId });
    else if (call.rowId === undefined) inserts.push(values);
    else updates.push({ values, rowId: call.rowId });
  };
  const byCycle = new Map<string, CallToRate[]>();
  for (const call of calls) {
    const packageId = call.binding?.packageId;
    const compiled = unratedReason(call) || packageId == null ? null : world.package(packageId);
    if (!compiled || compiled.freeMinutes === 0) {
      // No free minutes: each call rates on its own, in any order.
      const rating = compiled ? rateCall(compiled, call.record, context, 0).result : null;
      place(call, rowValues(call, rating, importId));
      continue;
    }
    const key = `${call.binding!.clientPackageId}|${call.cycleStart}`;
    const group = byCycle.get(key);
    if (group) group.push(call);
    else byCycle.set(key, [call]);
  }

  for (const [key, group] of byCycle) {
    const first = group[0]!;
    const compiled = world.package(first.binding!.packageId!) as CompiledPackage;
    group.sort((a, b) => compareCallsChronologically(a.record, b.record));
    let state = cycleStates.get(key);
    if (!state) {
      const used = queries.used(first.binding!.clientPackageId!, first.cycleStart!);
      const last = queries.last(first.binding!.clientPackageId!, first.cycleStart!);
      const lastRecord = last ? ({ callId: last.call_id, startedAt: last.started_at } as CallRecord) : null;
      state = { freeMinutesLeft: Math.max(0, compiled.freeMinutes - used), last: lastRecord };
    }
    const late = state.last !== null && compareStart(group[0]!.record, state.last) < 0;
    // A closed period is never re-rated: a late call there takes what free minutes remain.
    const closed = first.cycleStart! < world.clientPackages.get(first.binding!.clientPackageId!)!.cycleStartDate;
    // An import rates a late call as if it came last and notes its cycle: the cycle is rated
    // again once, from its earliest late call, when the import's rows are in (issue 13).
    if (late && !closed && onLate) onLate(first.binding!.clientPackageId!, first.cycleStart!, group[0]!.record);
    if (!late || closed || onLate) {
      let left = state.freeMinutesLeft;
      for (const call of group) {
        const step = rateCall(compiled, call.record, context, left);
        left = step.freeMinutesLeft;
        place(call, rowValues(call, step.result, importId));
      }
      const groupLast = group[group.length - 1]!.record;
      cycleStates.set(key, { freeMinutesLeft: left, last: state.last && compareStart(state.last, groupLast) > 0 ? state.last : groupLast });
      continue;
    }
    // A late call: re-rate the whole open cycle in call order.
    const stored = queries.calls(first.binding!.clientPackageId!, first.cycleStart!);
    // Each stored call keeps its own sub account (a client package holds several).
    const storedCalls = stored.map((row) =>
      storedCallToRate(row, world, { binding: { ...first.binding!, subaccountId: row.subaccount_id ?? first.binding!.subaccountId }, cycleStart: first.cycleStart }),
    );
    const everything = [...storedCalls, ...group];
    const byId = new Map(everything.map((call) => [call.record.callId, call]));
    const cycle = rateCycle(compiled, everything.map((call) => call.record), context);
    for (const result of cycle.results) {
      const call = byId.get(result.callId)!;
      place(call, rowValues(call, result, importId));
    }
    cycleStates.set(key, { freeMinutesLeft: cycle.freeMinutesLeft, last: everything.reduce((a, b) => (compareStart(a.record, b.record) >= 0 ? a : b)).record });
  }
  return { inserts, updates };
}

/** Chronological order of calls: start time, then the provider's call id. */
export function compareStart(a: Pick<CallRecord, 'startedAt' | 'callId'>, b: Pick<CallRecord, 'startedAt' | 'callId'>): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  return a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
}
