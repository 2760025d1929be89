import type { Store } from '../../db/open';
import { micros, moneyToText } from '../money';
import { clientName } from '../services/clients';
import { ImportJobs } from '../services/calls/jobs';
import { listCalls } from '../services/calls/queries';
import { rerateOpenCycles, rerateUnrated } from '../services/calls/rerate';
import type { PartialHandlerTable } from './table';

export const callHandlers = (store: Store, now: () => Date) => {
  const jobs = new ImportJobs(store, now);
  return {
    'calls.importFile': (input) => jobs.startFile(input),
    'calls.importBegin': async (input) => jobs.begin(input),
    'calls.importChunk': (input) => jobs.chunk(input),
    'calls.importStatus': async (input) => jobs.status(input.jobId),
    'calls.cancelImport': async (input) => jobs.cancel(input.jobId),
    'calls.list': (input) => listCalls(store.db, input),
    'calls.rerateUnrated': () => rerateUnrated(store, now),
    'calls.rerate': async (input) => {
      const result = await rerateOpenCycles(store, input, now);
      const names = new Map(
        (await store.db.selectFrom('clients').select(['id', 'first_name', 'last_name', 'company']).execute()).map((row) => [row.id, clientName(row)]),
      );
      return {
        calls: result.calls,
        applied: input.apply,
        differences: result.differences.map((difference) => ({
          clientId: difference.clientId,
          clientName: names.get(difference.clientId) ?? `Client ${difference.clientId}`,
          calls: difference.calls,
          before: moneyToText(micros(difference.before)),
          after: moneyToText(micros(difference.after)),
          difference: moneyToText(micros(difference.after - difference.before)),
        })),
      };
    },
  } satisfies PartialHandlerTable;
};
