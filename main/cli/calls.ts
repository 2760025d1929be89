import { setTimeout as sleep } from 'node:timers/promises';
import { resolve } from 'node:path';
import { CALL_DISPOSITIONS, CDR_FORMATS, callExportInput, type CallView, type ExportProgress, type ImportJobView, type ImportRecordView } from '../../preload/schemas/calls';
import { CallExports } from '../services/calls/cdrExport';
import { parseCdrFile, type CdrFormat } from '../cdr';
import { ImportJobs } from '../services/calls/jobs';
import { IMPORT_BATCH_SIZE } from '../services/calls/importCalls';
import { createContext } from '../services/context';
import { readableFile } from './files';
import { parseCommandOptions, print, requireOption } from './options';
import { UserError, type Command, type CommandContext } from './run';

const PROGRESS_EVERY_MS = 500;

/** --type answered|no-answer|busy|failed: the provider's dispositions, as words a shell takes. */
const CALL_TYPE_WORDS = CALL_DISPOSITIONS.map((disposition) => disposition.toLowerCase().replace(' ', '-'));

const CDR_FILTER_OPTIONS = {
  client: { type: 'string' },
  subaccount: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  direction: { type: 'string' },
  type: { type: 'string' },
  search: { type: 'string' },
  status: { type: 'string' },
} as const;

type FilterValues = { [K in keyof typeof CDR_FILTER_OPTIONS]?: string | boolean | undefined };

/** The options of `cdr list` / `cdr export` as the channels' filter; the contract's schema checks every value. */
function cdrFilter(values: FilterValues): Record<string, unknown> {
  const text = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
  const type = text(values.type);
  const typeIndex = type === undefined ? -1 : CALL_TYPE_WORDS.indexOf(type);
  if (type !== undefined && typeIndex < 0) throw new UserError(`--type must be one of ${CALL_TYPE_WORDS.join(', ')}`);
  const number = (value: string | undefined): number | undefined => (value === undefined ? undefined : /^\d+$/.test(value) ? Number(value) : Number.NaN);
  const filter: Record<string, unknown> = {
    clientId: number(text(values.client)),
    subaccountId: number(text(values.subaccount)),
    from: text(values.from),
    to: text(values.to),
    direction: text(values.direction),
    disposition: typeIndex < 0 ? undefined : CALL_DISPOSITIONS[typeIndex],
    search: text(values.search),
    status: text(values.status),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
}

function progressLine(job: ImportJobView): string {
  const percent = job.totalBytes ? ` ${Math.floor((job.bytesRead * 100) / job.totalBytes)}%` : '';
  const eta = job.etaSeconds === null ? '' : `, ${job.etaSeconds}s left`;
  // While running, a message says what the import does past its rows (building the calls indexes).
  const doing = job.status === 'running' && job.message ? ` — ${job.message}` : '';
  return `import${percent}: ${job.linesRead} lines, ${job.rated} rated, ${job.unrated} unrated, ${job.rejected} rejected, ${job.duplicates} already there, ${job.callsPerSecond}/s${eta}${doing}`;
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
/** --indexes: when the calls indexes take the file's rows (issue 13). */
const INDEX_MODES = { auto: 'auto', after: 'always', live: 'never' } as const;

async function startFileImport(ctx: CommandContext, path: string, format: string | undefined, indexes = 'auto'): Promise<{ jobs: ImportJobs; job: ImportJobView }> {
  if (format !== undefined && !(CDR_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`--format must be one of ${CDR_FORMATS.join(', ')}`);
  }
  if (!Object.hasOwn(INDEX_MODES, indexes)) throw new UserError(`--indexes must be one of ${Object.keys(INDEX_MODES).join(', ')}`);
  const { size } = await readableFile(path);
  const chosen = format as CdrFormat | undefined;
  // No window waits on the store here: a big file builds the calls indexes after its rows (issue 13).
  const jobs = new ImportJobs(createContext(ctx.store), { deferIndexes: INDEX_MODES[indexes as keyof typeof INDEX_MODES] });
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
    usage: `cdr import --file F [--format voipms-json|voipms-csv] [--indexes auto|after|live]
                                        import call records (idempotent; bad rows reported); a big file into a small
                                        table builds the calls indexes after its rows (auto; after: always; live: never)`,
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { file: { type: 'string' }, format: { type: 'string' }, indexes: { type: 'string' } });
      const { jobs, job: started } = await startFileImport(ctx, requireOption(values.file, 'cdr import', '--file F'), values.format, values.indexes);
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
    usage: `cdr list [--client ID] [--subaccount ID] [--from D] [--to D] [--direction inbound|outbound] [--type ${CALL_TYPE_WORDS.join('|')}]
           [--search TEXT] [--status all|rated|unrated] [--oldest] [--after CURSOR | --before CURSOR | --last] [--limit N]
                                        the Global CDR, a page at a time (keyset: --after the "next" cursor printed), and the filter's totals`,
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, {
        ...CDR_FILTER_OPTIONS,
        oldest: { type: 'boolean' },
        after: { type: 'string' },
        before: { type: 'string' },
        last: { type: 'boolean' },
        limit: { type: 'string' },
      });
      const filter = cdrFilter(values);
      const seeks = [values.after, values.before, values.last].filter((given) => given !== undefined && given !== false);
      if (seeks.length > 1) throw new UserError('Give one of --after, --before and --last');
      const seek = values.after !== undefined ? { after: values.after } : values.before !== undefined ? { before: values.before } : values.last ? 'last' : 'first';
      const page = await ctx.call('calls.list', { ...filter, order: values.oldest ? 'oldest' : 'newest', seek, limit: values.limit === undefined ? 100 : Number(values.limit) });
      const totals = await ctx.call('calls.totals', filter);
      const lines = [
        `${totals.calls} calls, ${totals.minutes} minutes; cost ${totals.cost}, sell ${totals.sell}, net profit ${totals.profit}`,
        ...page.rows.map(describeCall),
        ...(page.previous ? [`previous page: --before ${page.previous}`] : []),
        ...(page.next ? [`next page: --after ${page.next}`] : []),
      ];
      print(ctx, { ...page, totals }, lines.join('\n'));
    },
  },
  {
    name: 'cdr export',
    usage: 'cdr export --out F.csv [the filters of cdr list] [--oldest]   the filter\'s calls as CSV, streamed (any number of calls)',
    async run(ctx) {
      const { values } = parseCommandOptions(ctx, { ...CDR_FILTER_OPTIONS, out: { type: 'string' }, oldest: { type: 'boolean' } });
      const out = resolve(requireOption(values.out, 'cdr export', '--out F.csv'));
      const parsed = callExportInput.safeParse({ ...cdrFilter(values), order: values.oldest ? 'oldest' : 'newest' });
      if (!parsed.success) throw new UserError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const exports = new CallExports(createContext(ctx.store, undefined, undefined, ctx.events), {
        file: () => Promise.resolve({ path: out, shownAs: out, downloadUrl: null }),
        folder: () => Promise.resolve(null),
      });
      let shown = 0;
      const stop = ctx.events.listen((name, payload) => {
        if (name !== 'export.progress') return;
        const progress = payload as ExportProgress;
        if (progress.status === 'running' && progress.rows - shown >= 100_000) {
          shown = progress.rows;
          ctx.io.err(`export: ${progress.rows} of ${progress.total} calls`);
        }
      });
      try {
        const started = await exports.start(parsed.data);
        if (!started.started) throw new UserError('The export did not start');
        const ended = await exports.finished(started.exportId);
        if (ended.status !== 'done') throw new UserError(`The export stopped: ${ended.message ?? ended.status}`);
        print(ctx, ended, `Wrote ${ended.rows} calls to ${out}`);
      } finally {
        stop();
      }
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
      const totals = await ctx.call('calls.totals', { status: 'unrated' });
      print(ctx, { ...page, total: totals.calls }, [`${totals.calls} unrated calls`, ...page.rows.map(describeCall)].join('\n'));
    },
  },
];
