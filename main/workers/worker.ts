import type BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnly } from '../../db/reader';
import type { JobChunk, JobKind, JobResult, WorkerReply, WorkerRequest } from './jobs';

/**
 * A worker thread of the export pool (pool.ts): one read-only connection, opened on its first
 * job, and the jobs' code loaded when first needed (a CSV worker loads neither pdfkit nor Kysely).
 */
const { dbPath } = workerData as { dbPath: string };
let connection: BetterSqlite3.Database | undefined;

type Run<K extends JobKind> = (sqlite: BetterSqlite3.Database, input: Extract<WorkerRequest, { kind: K }>['input'], emit: (chunk: JobChunk<K>) => void) => Promise<JobResult<K>> | JobResult<K>;

const jobs: { [K in JobKind]: () => Promise<Run<K>> } = {
  'calls.csvSlice': async () => (await import('../services/calls/cdrCsv')).csvSlice,
  'invoices.pdfs': async () => (await import('../services/invoices/files')).writeInvoicePdfs,
  'db.snapshot': async () => (await import('../services/backupSnapshot')).snapshotInto,
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
      connection ??= openReadOnly(dbPath);
      const run = (await jobs[request.kind]()) as Run<JobKind>;
      const result = await run(connection, request.input, (chunk) => parentPort!.postMessage({ jobId: request.jobId, type: 'chunk', chunk } satisfies WorkerReply, movable(chunk)));
      reply({ jobId: request.jobId, type: 'done', result });
    } catch (error) {
      reply({ jobId: request.jobId, type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
