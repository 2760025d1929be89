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

export const callListInput = z
  .object({
    clientId: idField.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    status: z.enum(['all', 'rated', 'unrated']).default('all'),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .optional();

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
  clientId: number | null;
  clientName: string | null;
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
}

export interface CallPage {
  rows: CallView[];
  total: number;
}

export interface RerateResult {
  calls: number;
  applied: boolean;
  differences: { clientId: number; clientName: string; calls: number; before: string; after: string; difference: string }[];
}

export type CallListData = z.output<typeof callListInput>;
export type ImportListData = z.output<typeof importListInput>;
