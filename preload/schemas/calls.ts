import { z } from 'zod';
import { isoDate } from './clients';
import { idField, TEXT_LIMITS, textField } from './fields';

export const CDR_FORMATS = ['voipms-json', 'voipms-csv'] as const;

/** A file of any size, streamed by the window in pieces (calls.importChunk). */
export const importBeginInput = z
  .object({
    fileName: textField('File name', TEXT_LIMITS.fileName).min(1, 'File name is required'),
    totalBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    format: z.enum(CDR_FORMATS).optional(),
  })
  .strict();

export const importChunkInput = z
  .object({
    jobId: idField,
    text: z.string().max(4_000_000, 'Send pieces of at most 4 MB'),
    /** The piece's size in the file, when its encoding is not UTF-8 (UTF-16): progress counts file bytes. */
    bytes: z.number().int().min(0).max(16_000_000).optional(),
    last: z.boolean(),
  })
  .strict();

export const jobInput = z.object({ jobId: idField }).strict();

/** The call types a CDR filters by (the provider's dispositions); hidden in Simple View (guide, "View Setting"). */
export const CALL_DISPOSITIONS = ['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED'] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/**
 * A place in the call list: the start time and id of a call (the list's order), opaque to
 * the window ("2026-03-01 10:00:00~1234"). A page is read from one (keyset), never by OFFSET.
 */
export const callCursor = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}~\d{1,15}$/, 'Not a place in the call list');

/** What the Global CDR (and a client's CDR) shows: the same filter for a page, the totals and the export. */
export const callFilterShape = {
  clientId: idField.optional(),
  subaccountId: idField.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  disposition: z.enum(CALL_DISPOSITIONS).optional(),
  /** Digits: part of the destination number; text: a country's name or code, or part of the description. */
  search: textField('Search', TEXT_LIMITS.search).optional(),
  status: z.enum(['all', 'rated', 'unrated']).default('all'),
};

export const CALL_ORDERS = ['newest', 'oldest'] as const;

/** Which page: the first or the last of the order, or the one right after / before a cursor (keyset). */
export const callSeek = z.union([
  z.literal('first'),
  z.literal('last'),
  z.object({ after: callCursor }).strict(),
  z.object({ before: callCursor }).strict(),
]);

export const callListInput = z
  .object({
    ...callFilterShape,
    order: z.enum(CALL_ORDERS).default('newest'),
    seek: callSeek.default('first'),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .optional();

export const callFilterInput = z.object(callFilterShape).strict().optional();

export const callExportInput = z
  .object({ ...callFilterShape, order: z.enum(CALL_ORDERS).default('newest') })
  .strict();

export const exportIdInput = z.object({ exportId: idField }).strict();

/** The imports recorded in the database, newest first (calls.imports, `cdr imports`). */
export const importListInput = z
  .object({ limit: z.number().int().min(1).max(500).default(20) })
  .strict()
  .optional();

export const rerateInput = z
  .object({ packageId: idField.optional(), clientPackageId: idField.optional(), apply: z.boolean().default(false) })
  .strict();

export interface ImportJobView {
  jobId: number;
  importId: number | null;
  fileName: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  linesRead: number;
  bytesRead: number;
  totalBytes: number | null;
  added: number;
  duplicates: number;
  rejected: number;
  rated: number;
  unrated: number;
  rerated: number;
  elapsedMs: number;
  callsPerSecond: number;
  etaSeconds: number | null;
  rejects: { line: number; reason: string }[];
  message: string | null;
}

/** How a recorded import ended; 'interrupted': its process died while it ran (marked at the next start). */
export const IMPORT_STATUSES = ['running', 'done', 'cancelled', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One past (or running) import, as the database records it. */
export interface ImportRecordView {
  importId: number;
  source: string;
  format: string;
  status: ImportStatus;
  startedAt: string;
  finishedAt: string | null;
  rowsRead: number;
  added: number;
  duplicates: number;
  rejected: number;
  /** Why it stopped (a failure, an interruption: what to do next); null when it ran to its end. */
  message: string | null;
}

export interface CallView {
  id: number;
  callId: string;
  startedAt: string;
  account: string;
  subaccountId: number | null;
  clientId: number | null;
  clientName: string | null;
  callerId: string;
  direction: 'inbound' | 'outbound';
  destination: string;
  description: string;
  disposition: string;
  seconds: number;
  status: 'rated' | 'unrated';
  unratedReason: string | null;
  rule: string | null;
  sellRate: string;
  billedSeconds: number;
  freeSeconds: number;
  charge: string;
  cost: string;
  profit: string;
  country: string | null;
  /** The country's name ("Canada"), for the table and the CSV. */
  countryName: string | null;
}

/** One page of a call list, read from a cursor; the cursors of its first and last rows lead to the pages either side. */
export interface CallPage {
  rows: CallView[];
  /** Pass as { before } for the page before this one; null when there is none. */
  previous: string | null;
  /** Pass as { after } for the page after this one; null when there is none. */
  next: string | null;
}

/** The whole filter's totals (not a page's): count, minutes, cost, sell and net profit. */
export interface CallTotals {
  calls: number;
  answered: number;
  unrated: number;
  seconds: number;
  billedSeconds: number;
  /** Seconds as minutes, to 2 decimals. */
  minutes: string;
  cost: string;
  sell: string;
  /** Σ of each rated call's profit (sell − cost); an unrated call has none yet. */
  profit: string;
}

/** An export started in main: it streams to its file and reports 'export.progress' until done. */
export interface ExportStarted {
  exportId: number;
  fileName: string;
  /** The rows the filter holds (known before writing). */
  total: number;
}

/** calls.export's answer: started, or not (the person cancelled the Save dialog). */
export type ExportStart = ({ started: true } & ExportStarted) | { started: false };

/** An export moved on; `status` ends as done (with where it is), cancelled or failed. */
export interface ExportProgress {
  exportId: number;
  fileName: string;
  rows: number;
  total: number;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** Where the file is (Electron: its path), once done. */
  shownAs: string | null;
  /** The headless host's one-time address of the file, once done. */
  downloadUrl: string | null;
  message: string | null;
}

export interface RerateResult {
  calls: number;
  applied: boolean;
  differences: { clientId: number; clientName: string; calls: number; before: string; after: string; difference: string }[];
}

export type CallListData = z.output<typeof callListInput>;
export type CallFilterData = z.output<typeof callFilterInput>;
export type CallExportData = z.output<typeof callExportInput>;
export type CallSeek = z.output<typeof callSeek>;
export type ImportListData = z.output<typeof importListInput>;
