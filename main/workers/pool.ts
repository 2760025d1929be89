import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isDetached, type JobChunk, type JobInput, type JobKind, type JobResult, type WorkerReply, type WorkerRequest } from './jobs';

/**
 * Worker threads for the exports that read a whole table (issue 11): a million-call CSV and a
 * month of invoice PDFs. Each worker opens the store's file read-only (WAL: it reads the last
 * commit while the app writes) and runs jobs from one queue, oldest first; a job sends chunks
 * back as it goes and ends with a result. The app's own connection stays free for the window.
 *
 * Measured on the bench's 1M calls (2 cores): the CSV made on one thread took 6.1 s, on two
 * workers the time `npm run bench` prints; 1,000 PDFs 20.7 s on one thread.
 */

/** Where the worker's code is: the TypeScript source beside this file (tsx: the CLI, the host, tests), or the Electron build's worker.js, set by its entry. */
let entry: { file: string; typescript: boolean } = {
  file: fileURLToPath(new URL('./worker.ts', import.meta.url)),
  typescript: import.meta.url.endsWith('.ts'),
};

/** The Electron entry names its bundled worker (out/main/worker.js) before any export runs. */
export function setWorkerEntry(file: string): void {
  entry = { file, typescript: file.endsWith('.ts') };
}

/**
 * Starts a worker on the entry. TypeScript sources need tsx's loader in the worker's own
 * thread: on Node 20 a worker does not get the loader `--import tsx` registered in its parent,
 * so a few lines of JavaScript register it there, then import the entry.
 */
function startWorker(workerData: unknown): Worker {
  if (!entry.typescript) return new Worker(entry.file, { workerData });
  const url = JSON.stringify(pathToFileURL(entry.file).href);
  // tsx as this process resolves it: an eval'd worker would look for it from the working directory.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${url}); })`, { eval: true, workerData });
}

/** Two workers on this two-core machine; never more than four (each holds a page cache). */
export const defaultPoolSize = (): number => Math.max(1, Math.min(availableParallelism(), 4));

interface QueuedJob {
  id: number;
  request: WorkerRequest;
  onChunk: (chunk: unknown) => void;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job: QueuedJob | null;
}

export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: QueuedJob[] = [];
  private nextJobId = 1;
  private closed: Error | null = null;

  /** `dbPath`: the SQLite file the workers read; null for a pool whose jobs read no database (DetachedJobKind, a team server's). */
  constructor(
    private readonly dbPath: string | null,
    private readonly size = defaultPoolSize(),
  ) {}

  /** Starts every worker now (each takes a few hundred milliseconds to load), while the caller prepares the jobs. */
  warm(): this {
    while (!this.closed && this.workers.length < this.size) this.spawn();
    return this;
  }

  /** Runs a job on the next free worker; `onChunk` hears each chunk it sends, in order. */
  run<K extends JobKind>(kind: K, input: JobInput<K>, onChunk: (chunk: JobChunk<K>) => void = () => undefined): Promise<JobResult<K>> {
    if (this.closed) return Promise.reject(this.closed);
    if (this.dbPath === null && !isDetached(kind)) return Promise.reject(new Error(`The job ${kind} reads a database file, and this pool has none`));
    return new Promise<JobResult<K>>((resolve, reject) => {
      const id = this.nextJobId;
      this.nextJobId += 1;
      this.queue.push({
        id,
        request: { jobId: id, kind, input } as WorkerRequest,
        onChunk: onChunk as (chunk: unknown) => void,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Ends every worker; jobs not finished are rejected with `reason`. */
  async close(reason = new Error('The workers were stopped')): Promise<void> {
    if (this.closed) return;
    this.closed = reason;
    for (const job of this.queue.splice(0)) job.reject(reason);
    const ending = this.workers.splice(0);
    for (const one of ending) one.job?.reject(reason);
    await Promise.all(ending.map((one) => one.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.workers.find((one) => one.job === null) ?? (this.workers.length < this.size ? this.spawn() : null);
      if (!idle) return;
      const job = this.queue.shift()!;
      idle.job = job;
      idle.worker.postMessage(job.request);
    }
  }

  private spawn(): PoolWorker {
    const worker = startWorker({ dbPath: this.dbPath });
    const one: PoolWorker = { worker, job: null };
    worker.on('message', (reply: WorkerReply) => {
      const job = one.job;
      if (!job || job.id !== reply.jobId) return;
      if (reply.type === 'chunk') {
        job.onChunk(reply.chunk);
        return;
      }
      one.job = null;
      if (reply.type === 'done') job.resolve(reply.result);
      else job.reject(new Error(reply.message));
      this.dispatch();
    });
    // A worker that dies (it threw outside a job, ran out of memory) fails its job and the pool.
    const died = (error: Error): void => {
      void this.close(error);
    };
    worker.on('error', died);
    worker.on('exit', (code) => {
      if (!this.closed) died(new Error(`An export worker stopped (exit code ${code})`));
    });
    this.workers.push(one);
    return one;
  }
}
