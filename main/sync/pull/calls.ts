import type { CallPullResult } from '../../../preload/schemas/sync';
import { isCdrRejection, normalizeCdrRecord, type CdrBatch, type ParsedCdr, type CdrRejection } from '../../cdr';
import { cdrWindows, incrementalStart, type DayWindow } from '../../engine/cdrWindows';
import { importInto } from '../../services/calls/importInto';
import type { ServiceContext } from '../../services/context';
import type { Provider } from '../provider';
import { failureOf, type PullFailure } from './ask';
import { linkedOpenClients, readState, writeState } from './state';
import { listField, type WireRecord } from './wire';

/** The sync_state key of the last day of calls pulled for a provider client. */
export const callsPulledToKey = (providerClientId: string): string => `calls_pulled_to:${providerClientId}`;

export interface CallPullOptions {
  /** Every client from this day; absent: each from where its last pull ended, less the overlap. */
  from?: string;
  to: string;
  /** Today, the reseller's: a first pull reads back from here. */
  today: string;
  /** Hours from UTC, as getResellerCDR wants it. */
  timezone: number;
}

interface ClientPlan {
  clientId: number;
  providerId: string;
  windows: DayWindow[];
}

/**
 * Calls (issue 12): getResellerCDR for every client linked to the provider, in windows of at
 * most 92 days, all four call statuses, in the reseller's time zone; fed to the one call
 * import (main/services/calls/importInto.ts, on either store), so calls are rated on arrival by the same
 * rules as a file, charged to the ledger by the day, and skipped when already here (the
 * provider's uniqueid is the call's id). A client whose windows all came back moves its
 * "pulled to" day; one the provider refused keeps it, and is read again next time.
 */
export async function pullCalls(ctx: ServiceContext, provider: Provider, options: CallPullOptions): Promise<{ result: CallPullResult; failures: PullFailure[] }> {
  const clients = await linkedOpenClients(ctx.db);
  const plans: ClientPlan[] = [];
  for (const client of clients) {
    const providerId = client.provider_id;
    const from = options.from ?? incrementalStart(await readState(ctx.db, callsPulledToKey(providerId)), options.today);
    plans.push({ clientId: client.id, providerId, windows: cdrWindows(from, options.to) });
  }
  const failures: PullFailure[] = [];
  const complete: ClientPlan[] = [];
  let read = 0;
  let requests = 0;
  let stopped = false;

  async function* batches(): AsyncGenerator<CdrBatch> {
    let linesRead = 0;
    for (const plan of plans) {
      if (stopped) return;
      let whole = true;
      for (const window of plan.windows) {
        const what = `getResellerCDR for client ${plan.providerId}, ${window.from} to ${window.to}`;
        let records: WireRecord[];
        requests += 1;
        try {
          const reply = await provider.call('getResellerCDR', {
            client: plan.providerId,
            date_from: window.from,
            date_to: window.to,
            timezone: options.timezone,
            // All four statuses: a call that failed or was not answered may still be charged (and says why a client called).
            answered: 1,
            noanswer: 1,
            busy: 1,
            failed: 1,
          });
          records = listField(reply, 'cdr');
        } catch (error) {
          const failure = failureOf(error, what);
          failures.push(failure);
          whole = false;
          // A refusal about this client (or a passing one) leaves the others to read; credentials or access refused stop the pull.
          if (failure.kind === 'permanent' && !failure.status.endsWith('client')) stopped = true;
          break;
        }
        const good: ParsedCdr[] = [];
        const rejected: CdrRejection[] = [];
        for (const record of records) {
          linesRead += 1;
          const parsed = normalizeCdrRecord(record, linesRead);
          if (isCdrRejection(parsed)) rejected.push({ line: parsed.line, reason: `${what}: ${parsed.reason}` });
          else good.push(parsed);
        }
        read += records.length;
        if (records.length > 0) yield { good, rejected, linesRead, bytesRead: linesRead };
      }
      if (whole) complete.push(plan);
    }
  }

  const progress = await importInto(ctx.store, batches(), { source: 'provider: getResellerCDR', format: 'voipms-api', now: ctx.now });
  if (progress.status === 'done') {
    for (const plan of complete) {
      const key = callsPulledToKey(plan.providerId);
      const before = await readState(ctx.db, key);
      if (before === null || before < options.to) await writeState(ctx, key, options.to);
    }
  } else if (progress.message) {
    failures.push({ what: 'the import of the pulled calls', status: progress.status, message: progress.message, kind: 'unknown' });
  }
  const starts = plans.map((plan) => plan.windows[0]?.from).filter((from): from is string => from !== undefined);
  return {
    result: {
      from: options.from ?? (starts.length > 0 ? starts.reduce((a, b) => (a < b ? a : b)) : null),
      to: options.to,
      clients: plans.length,
      windows: requests,
      read,
      added: progress.added,
      duplicates: progress.duplicates,
      rated: progress.rated,
      unrated: progress.unrated,
      rejected: progress.rejected,
    },
    failures,
  };
}
