import type BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/reader';
import { isDetached, type DetachedJobKind, type JobChunk, type JobInput, type JobKind, type JobResult, type WorkerReply, type WorkerRequest } from './jobs';

/**
 * A worker thread of the export pool (pool.ts): one read-only connection, opened on its first
 * job, and the jobs' code loaded when first needed (a CSV worker loads neither pdfkit nor Kysely).
 */
const { dbPath } = workerData as { dbPath: string | null };
let connection: BetterSqlite3.Database | undefined;

type Run<K extends JobKind> = (sqlite: BetterSqlite3.Database, input: JobInput<K>, emit: (chunk: JobChunk<K>) => void) => Promise<JobResult<K>> | JobResult<K>;
type RunDetached<K extends DetachedJobKind> = (input: JobInput<K>, emit: (chunk: JobChunk<K>) => void) => Promise<JobResult<K>>;

const jobs: { [K in Exclude<JobKind, DetachedJobKind>]: () => Promise<Run<K>> } = {
  'calls.csvSlice': async () => (await import('../services/calls/cdrCsv')).csvSlice,
  'invoices.pdfs': async () => (await import('../services/invoices/files')).writeInvoicePdfs,
  'db.snapshot': async () => (await import('../services/backupSnapshot')).snapshotInto,
};

/** Jobs whose input carries what they need (a team server's invoices, read in main): they open no connection. */
const detachedJobs: { [K in DetachedJobKind]: () => Promise<RunDetached<K>> } = {
  'invoices.printedPdfs': async () => (await import('../services/invoices/files')).writePrintedInvoicePdfs,
};

const reply = (message: WorkerReply): void => parentPort!.postMessage(message);

/**
 * A chunk's byte arrays are moved to the app's thread, not copied (a CSV chunk's lines). A
 * Buffer sharing its memory with others (Node's pool of small Buffers) cannot be moved and is
 * copied as usual.
 */
function movable(chunk: unknown): ArrayBuffer[] {
  if (typeof chunk !== 'object' || chunk === null) return [];
  return Object.values(chunk).filter(
    (value): value is Uint8Array => value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer,
  ).map((value) => value.buffer as ArrayBuffer);
}

parentPort!.on('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      const emit = (chunk: unknown): void => parentPort!.postMessage({ jobId: request.jobId, type: 'chunk', chunk } satisfies WorkerReply, movable(chunk));
      let result: unknown;
      if (isDetached(request.kind)) {
        const run = (await detachedJobs[request.kind]()) as RunDetached<DetachedJobKind>;
        result = await run(request.input as JobInput<DetachedJobKind>, emit);
      } else {
        if (dbPath === null) throw new Error(`The job ${request.kind} reads a database file, and this worker has none`);
        connection ??= openReadOnly(dbPath);
        const run = (await jobs[request.kind]()) as Run<JobKind>;
        result = await run(connection, request.input, emit);
      }
      reply({ jobId: request.jobId, type: 'done', result });
    } catch (error) {
      reply({ jobId: request.jobId, type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
