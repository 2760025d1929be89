import type { ImportJobView } from '../../../preload/schemas/calls';
import type { DataDomain } from '../../../preload/events';
import { detectCdrFormat, parseCdrStream, type CdrBatch, type CdrFormat } from '../../cdr';
import type { ServiceContext } from '../context';
import { ChunkFeed } from './chunkFeed';
import { AppError, notFound } from '../../errors';
import { importInto } from './importInto';
import { IMPORT_BATCH_SIZE, notStarted, type ImportOptions, type ImportProgress } from './importCalls';
import { realTimers, type ImportTimers } from './timers';

interface Job {
  view: ImportJobView;
  controller: AbortController;
  done: Promise<ImportProgress>;
  /** Set for an import the window streams piece by piece. */
  feed?: ChunkFeed;
}

/** A streamed import whose window stopped sending (closed, reloaded) is given up after this. */
export const IDLE_UPLOAD_MS = 60_000;

/** What an import changes: its calls, the ledger's daily call charges, the clients' balances. */
export const IMPORT_DOMAINS: DataDomain[] = ['calls', 'ledger', 'clients'];

/**
 * Imports run in main as jobs the window follows (rows read, rated, rejected, rate per
 * second, time left) and may cancel. Every change of a job's view is emitted as
 * 'import.progress', and each commit as 'data.changed'. One import at a time: two would
 * compete for the same calls and cycles. Here per process; on a team server (issue 16) across
 * every instance on the database too, through its import lock (calls/pg/importPresence.ts):
 * a job started while another computer imports waits, says so in its message, and may be cancelled.
 */
export class ImportJobs {
  private readonly jobs = new Map<number, Job>();
  private readonly timers: ImportTimers;
  private readonly deferIndexes: NonNullable<ImportOptions['deferIndexes']>;

  /** `deferIndexes`: whether big files build the calls indexes after their rows (importCalls): for the command line, where no window waits. */
  constructor(
    private readonly ctx: ServiceContext,
    options: { timers?: ImportTimers; deferIndexes?: ImportOptions['deferIndexes'] } = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.deferIndexes = options.deferIndexes ?? 'never';
  }

  /**
   * Starts an import of batches main reads itself: a file named on the command line, or one
   * chosen with the desktop app's Open dialog (calls.importFile, by its grant): the window
   * never names a path on this machine.
   */
  startBatches(input: { source: string; format?: CdrFormat; totalBytes: number; batches: AsyncIterable<CdrBatch> }): ImportJobView {
    return this.start(input.source, input.format ?? 'auto', input.totalBytes, input.batches);
  }

  /**
   * Starts an import the window feeds slice by slice (`chunk`), for files of any size:
   * the format is taken from the first piece when not given.
   */
  begin(input: { fileName: string; totalBytes: number; format?: CdrFormat }): ImportJobView {
    const feed = new ChunkFeed(this.timers.now);
    const source: AsyncIterable<CdrBatch> = {
      [Symbol.asyncIterator]: () => this.batchesOf(feed, input.format)[Symbol.asyncIterator](),
    };
    return this.start(input.fileName, input.format ?? 'auto', input.totalBytes, source, feed);
  }

  async chunk(input: { jobId: number; text: string; bytes?: number; last: boolean }): Promise<ImportJobView> {
    const job = this.jobs.get(input.jobId);
    if (!job) throw notFound(`Import ${input.jobId}`);
    if (!job.feed) throw new AppError('conflict', 'This import does not take pieces');
    if (job.view.status === 'running' && !job.feed.isEnded) {
      if (input.text !== '') await job.feed.push(input.text, input.bytes);
      if (input.last) job.feed.end();
    }
    return job.view;
  }

  private async *batchesOf(feed: ChunkFeed, format: CdrFormat | undefined): AsyncGenerator<CdrBatch> {
    const pieces = feed[Symbol.asyncIterator]();
    const first = await pieces.next();
    if (first.done) return;
    const chosen = format ?? detectCdrFormat(first.value.slice(0, 1024));
    async function* all(): AsyncGenerator<string> {
      yield first.value as string;
      for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
    }
    yield* parseCdrStream(all(), chosen, { batchSize: IMPORT_BATCH_SIZE });
  }

  status(jobId: number): ImportJobView {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Import ${jobId}`);
    return job.view;
  }

  cancel(jobId: number): ImportJobView {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Import ${jobId}`);
    job.controller.abort();
    // A streamed import may be waiting for pieces that will not come.
    job.feed?.end();
    return job.view;
  }

  /** For tests and the CLI: the end of a job. */
  async finished(jobId: number): Promise<ImportJobView> {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Import ${jobId}`);
    await job.done;
    return job.view;
  }

  /** Whether an import runs now (one whose window stopped sending long ago is given up first). */
  isRunning(): boolean {
    for (const job of this.jobs.values()) {
      if (job.view.status === 'running' && job.feed && !job.feed.isEnded && this.timers.now() - job.feed.lastPushAt > IDLE_UPLOAD_MS) {
        job.controller.abort();
        job.feed.end();
      }
    }
    return [...this.jobs.values()].some((job) => job.view.status === 'running');
  }

  private start(fileName: string, format: string, totalBytes: number, batches: AsyncIterable<CdrBatch>, feed?: ChunkFeed): ImportJobView {
    if (this.isRunning()) {
      throw new AppError('conflict', 'An import is already running: wait for it or cancel it first');
    }
    const jobId = this.ctx.nextId('import');
    const controller = new AbortController();
    const view: ImportJobView = { ...notStarted(totalBytes), jobId, importId: null, fileName };
    const { events } = this.ctx;
    const options: ImportOptions = {
      source: fileName,
      format,
      totalBytes,
      signal: controller.signal,
      now: this.ctx.now,
      timers: this.timers,
      deferIndexes: this.deferIndexes,
      ...(feed ? { fileBytes: (parsed: number) => feed.fileBytesAt(parsed) } : {}),
      onProgress: (progress) => {
        Object.assign(view, progress, { jobId, importId: progress.importId, fileName });
        events.emit('import.progress', { ...view });
      },
      onCommit: () => events.emit('data.changed', { domains: IMPORT_DOMAINS }),
    };
    const done = importInto(this.ctx.store, batches, options).catch((error: unknown) => {
      Object.assign(view, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      events.emit('import.progress', { ...view });
      return view as unknown as ImportProgress;
    });
    // However the import ends, a window still sending pieces is released.
    void done.finally(() => feed?.end());
    // The end (done, cancelled, failed) posts the call charges: the ledger and balances moved.
    void done.then(() => events.emit('data.changed', { domains: IMPORT_DOMAINS }));
    this.jobs.set(jobId, { view, controller, done, ...(feed ? { feed } : {}) });
    events.emit('import.progress', { ...view });
    return view;
  }
}
