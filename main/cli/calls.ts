import { setTimeout as sleep } from 'node:timers/promises';
import { CDR_FORMATS, type CallView, type ImportJobView, type ImportRecordView } from '../../preload/schemas/calls';
import { parseCdrFile, type CdrFormat } from '../cdr';
import { ImportJobs } from '../services/calls/jobs';
import { IMPORT_BATCH_SIZE } from '../services/calls/importCalls';
import { createContext } from '../services/context';
import { readableFile } from './files';
import { parseCommandOptions, print, requireOption } from './options';
import { UserError, type Command, type CommandContext } from './run';

const PROGRESS_EVERY_MS = 500;

function progressLine(job: ImportJobView): string {
  const percent = job.totalBytes ? ` ${Math.floor((job.bytesRead * 100) / job.totalBytes)}%` : '';
  const eta = job.etaSeconds === null ? '' : `, ${job.etaSeconds}s left`;
  return `import${percent}: ${job.linesRead} lines, ${job.rated} rated, ${job.unrated} unrated, ${job.rejected} rejected, ${job.duplicates} already there, ${job.callsPerSecond}/s${eta}`;
}

const describeCall = (call: CallView): string =>
  `${call.startedAt} ${call.account.padEnd(18)} ${call.direction.padEnd(8)} ${call.destination.padEnd(15)} ${String(call.seconds).padStart(6)}s ${call.status === 'rated' ? call.charge.padStart(12) : `unrated: ${call.unratedReason ?? ''}`}`;

/** "#3 2026-11-20T10:00:00.000Z interrupted killed.csv: 3 read, 2 added, …", and its message below. */
function describeImport(record: ImportRecordView): string {
  const counts = `${record.rowsRead} read, ${record.added} added, ${record.duplicates} already there, ${record.rejected} rejected`;
  const line = `#${record.importId} ${record.startedAt} ${record.status.padEnd(11)} ${record.source}: ${counts}`;
  return record.message === null ? line : `${line}\n    ${record.message}`;
}

async function waitForImport(ctx: CommandContext, jobs: ImportJobs, job: ImportJobView): Promise<ImportJobView> {
  let current = job;
  while (current.status === 'running') {
    await sleep(PROGRESS_EVERY_MS);
    current = { ...jobs.status(job.jobId) };
    ctx.io.err(progressLine(current));
  }
  return jobs.finished(job.jobId);
}

/**
 * The one place main reads a CDR file by its path: a file named on the command line.
 * The window has no such channel (it streams the file it was given, calls.importBegin),
 * so nothing it sends can make main read a path on this machine.
 */
async function startFileImport(ctx: CommandContext, path: string, format: string | undefined): Promise<{ jobs: ImportJobs; job: ImportJobView }> {
  if (format !== undefined && !(CDR_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format must be one of ${CDR_FORMATS.join(', ')}`);
  }
  const { size } = await readableFile(path);
  const chosen = format as CdrFormat | undefined;
  const jobs = new ImportJobs(createContext(ctx.store));
  const job = jobs.startBatches({
    source: path,
    totalBytes: size,
    batches: parseCdrFile(path, chosen, { batchSize: IMPORT_BATCH_SIZE }),
    ...(chosen !== undefined ? { format: chosen } : {}),
  });
  return { jobs, job };
}

export const callCommands: Command[] = [
  {
    name: 'cdr import',
    usage: 'cdr import --file F [--format voipms-json|voipms-csv]   import call records (idempotent; bad rows reported)',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { file: { type: 'string' }, format: { type: 'string' } });
      const { jobs, job: started } = await startFileImport(ctx, requireOption(values.file, 'cdr import', '--file F'), values.format);
      const job = await waitForImport(ctx, jobs, started);
      if (job.status === 'failed') throw new UserError(`The import stopped: ${job.message ?? 'unknown error'} (committed batches are kept; run it again to finish)`);
      const rejects = job.rejects.map((reject) => `  line ${reject.line}: ${reject.reason}`);
      print(
        ctx,
        job,
        [
          `Imported ${job.added} calls (${job.rated} rated, ${job.unrated} unrated, ${job.rerated} re-rated), ${job.duplicates} were already there, ${job.rejected} rows rejected, ${job.callsPerSecond} calls/s`,
          ...rejects,
          // Call charges set aside at a balance limit (issue 9): the import is done, the reseller must still act.
          ...(job.message ? [job.message] : []),
        ].join('\n'),
      );
    },
  },
  {
    name: 'cdr list',
    usage: 'cdr list [--client ID] [--from D] [--to D] [--limit N]   call records, newest first',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { client: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' } });
      const page = await ctx.call('calls.list', {
        ...(values.client !== undefined ? { clientId: Number(values.client) } : {}),
        ...(values.from !== undefined ? { from: values.from } : {}),
        ...(values.to !== undefined ? { to: values.to } : {}),
        limit: values.limit === undefined ? 100 : Number(values.limit),
      });
      print(ctx, page, [`${page.total} calls`, ...page.rows.map(describeCall)].join('\n'));
    },
  },
  {
    name: 'cdr imports',
    usage: 'cdr imports [--limit N]         recent imports, newest first, and how each ended (interrupted: import it again)',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { limit: { type: 'string' } });
      const imports = await ctx.call('calls.imports', values.limit === undefined ? undefined : { limit: Number(values.limit) });
      print(ctx, imports, imports.length === 0 ? 'No imports yet' : imports.map(describeImport).join('\n'));
    },
  },
  {
    name: 'cdr unrated',
    usage: 'cdr unrated [--rerate]          calls that could not be rated, and why (--rerate: try again)',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { rerate: { type: 'boolean' } });
      if (values.rerate) {
        const result = await ctx.call('calls.rerateUnrated');
        ctx.io.err(`Re-rated: ${result.rated} now rated, ${result.stillUnrated} still unrated`);
      }
      const page = await ctx.call('calls.list', { status: 'unrated', limit: 1000 });
      print(ctx, page, [`${page.total} unrated calls`, ...page.rows.map(describeCall)].join('\n'));
    },
  },
];
