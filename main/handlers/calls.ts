import type { ServiceContext } from '../services/context';
import { ImportJobs } from '../services/calls/jobs';
import { listImports } from '../services/calls/imports';
import { callTotals, listCalls } from '../services/calls/queries';
import type { CallExports } from '../services/calls/cdrExport';
import { rerateReport, rerateUnrated } from '../services/calls/rerate';
import type { PartialHandlerTable } from './table';

export const callHandlers = (ctx: ServiceContext, jobs: ImportJobs, exports: CallExports) =>
  ({
    'calls.importBegin': async (input) => jobs.begin(input),
    'calls.importChunk': (input) => jobs.chunk(input),
    'calls.importStatus': async (input) => jobs.status(input.jobId),
    'calls.cancelImport': async (input) => jobs.cancel(input.jobId),
    'calls.list': (input) => listCalls(ctx.store, input),
    'calls.totals': (input) => callTotals(ctx.store, input),
    'calls.export': (input) => exports.start(input),
    'calls.cancelExport': async (input) => exports.cancel(input.exportId),
    'calls.imports': (input) => listImports(ctx, input),
    'calls.rerateUnrated': () => rerateUnrated(ctx),
    'calls.rerate': (input) => rerateReport(ctx, input),
  }) satisfies PartialHandlerTable;
