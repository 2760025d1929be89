import type { CsvSlice, CsvChunk } from '../services/calls/cdrCsv';
import type { PdfBatch, PrintedPdfBatch } from '../services/invoices/files';

/** What each kind of worker job takes, sends as it goes, and ends with (structured-cloned across threads). */
export interface Jobs {
  /** A time slice of a CDR export as CSV text, in chunks of at most `batchRows` lines. */
  'calls.csvSlice': { input: CsvSlice; chunk: CsvChunk; result: { rows: number } };
  /** Invoice PDFs written into a folder; a chunk per file. */
  'invoices.pdfs': { input: PdfBatch; chunk: { fileName: string }; result: { files: number } };
  /** Invoice PDFs written into a folder from invoices main read (a team server: no file to open); a chunk per file. */
  'invoices.printedPdfs': { input: PrintedPdfBatch; chunk: { fileName: string }; result: { files: number } };
  /** A snapshot of the whole database written to `target` (a backup, issue 14). */
  'db.snapshot': { input: { target: string }; chunk: never; result: { bytes: number } };
}

export type JobKind = keyof Jobs;
/** The jobs that read no database: their input carries what they need. */
export type DetachedJobKind = 'invoices.printedPdfs';
const DETACHED: readonly JobKind[] = ['invoices.printedPdfs'] satisfies DetachedJobKind[];
export const isDetached = (kind: JobKind): kind is DetachedJobKind => DETACHED.includes(kind);
export type JobInput<K extends JobKind> = Jobs[K]['input'];
export type JobChunk<K extends JobKind> = Jobs[K]['chunk'];
export type JobResult<K extends JobKind> = Jobs[K]['result'];

export type WorkerRequest = { [K in JobKind]: { jobId: number; kind: K; input: JobInput<K> } }[JobKind];

export type WorkerReply =
  | { jobId: number; type: 'chunk'; chunk: unknown }
  | { jobId: number; type: 'done'; result: unknown }
  | { jobId: number; type: 'error'; message: string };
