import { stat } from 'node:fs/promises';
import type { Store } from '../../../db/open';
import type { ImportJobView } from '../../../preload/schemas/calls';
import { detectCdrFormat, parseCdrFile, parseCdrStream, type CdrBatch, type CdrFormat } from '../../cdr';
import { ChunkFeed } from './chunkFeed';
import { AppError, notFound } from '../../errors';
import { IMPORT_BATCH_SIZE, importCalls, type ImportProgress } from './importCalls';

interface Job {
  view: ImportJobView;
  controller: AbortController;
  done: Promise<ImportProgress>;
  /** Set for an import the window streams piece by piece. */
  feed?: ChunkFeed;
}

/** A streamed import whose window stopped sending (closed, reloaded) is given up after this. */
const IDLE_UPLOAD_MS = 60_000;

/**
 * Imports run in main as jobs the UI polls for progress (rows read, rated, rejected,
 * rate per second, time left) and may cancel. One import at a time: two would compete
 * for the same calls and cycles.
 */
export class ImportJobs {
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async startFile(input: { path: string; format?: CdrFormat }): Promise<ImportJobView> {
    let size: number;
    try {
      size = (await stat(input.path)).size;
    } catch {
      throw new AppError('invalid_input', `Cannot read ${input.path}`, [{ path: 'path', message: 'No such file' }]);
    }
    return this.start(input.path, input.format ?? 'auto', size, parseCdrFile(input.path, input.format, { batchSize: IMPORT_BATCH_SIZE }));
  }

  /**
   * Starts an import the window feeds slice by slice (`chunk`), for files of any size:
   * the format is taken from the first piece when not given.
   */
  begin(input: { fileName: string; totalBytes: number; format?: CdrFormat }): ImportJobView {
    const feed = new ChunkFeed();
    const source: AsyncIterable<CdrBatch> = {
      [Symbol.asyncIterator]: () => this.batchesOf(feed, input.format)[Symbol.asyncIterator](),
    };
    return this.start(input.fileName, input.format ?? 'auto', input.totalBytes, source, feed);
  }

  async chunk(input: { jobId: number; text: string; last: boolean }): Promise<ImportJobView> {
    const job = this.jobs.get(input.jobId);
    if (!job) throw notFound(`Import ${input.jobId}`);
    if (!job.feed) throw new AppError('conflict', 'This import does not take pieces');
    if (job.view.status === 'running' && !job.feed.isEnded) {
      if (input.text !== '') await job.feed.push(input.text);
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

  private start(fileName: string, format: string, totalBytes: number, batches: AsyncIterable<CdrBatch>, feed?: ChunkFeed): ImportJobView {
    for (const job of this.jobs.values()) {
      if (job.view.status === 'running' && job.feed && !job.feed.isEnded && Date.now() - job.feed.lastPushAt > IDLE_UPLOAD_MS) {
        job.controller.abort();
        job.feed.end();
      }
    }
    if ([...this.jobs.values()].some((job) => job.view.status === 'running')) {
      throw new AppError('conflict', 'An import is already running: wait for it or cancel it first');
    }
    const jobId = this.nextId++;
    const controller = new AbortController();
    const view: ImportJobView = {
      jobId,
      importId: null,
      fileName,
      status: 'running',
      linesRead: 0,
      bytesRead: 0,
      totalBytes,
      added: 0,
      duplicates: 0,
      rejected: 0,
      rated: 0,
      unrated: 0,
      rerated: 0,
      elapsedMs: 0,
      callsPerSecond: 0,
      etaSeconds: null,
      rejects: [],
      message: null,
    };
    const done = importCalls(this.store, batches, {
      source: fileName,
      format,
      totalBytes,
      signal: controller.signal,
      now: this.now,
      onProgress: (progress) => Object.assign(view, progress, { jobId, importId: progress.importId, fileName }),
    }).catch((error: unknown) => {
      Object.assign(view, { status: 'failed', message: error instanceof Error ? error.message : String(error) });
      return view as unknown as ImportProgress;
    });
    // However the import ends, a window still sending pieces is released.
    void done.finally(() => feed?.end());
    this.jobs.set(jobId, { view, controller, done, ...(feed ? { feed } : {}) });
    return view;
  }
}
