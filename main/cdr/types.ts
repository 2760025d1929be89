import { AppError } from '../errors';
import type { CallDirection, CallDisposition } from '../engine/types';
import type { Micros, RateE8 } from '../money/units';

/** The two file shapes the provider gives a reseller (DESIGN.md "cdr import --format"). */
export type CdrFormat = 'voipms-json' | 'voipms-csv';

/**
 * One call record from the provider, validated and in integer units: the input of the
 * import service (which maps it to the engine's `CallRecord` once the sub account is known).
 */
export interface ParsedCdr {
  /** 1-based line of the file where the record starts (JSON: 1-based index of the record). */
  line: number;
  /** The provider's `uniqueid`: a string, it may hold letters. Unique per call. */
  callId: string;
  /** `date` as 'YYYY-MM-DD HH:MM:SS' (the timezone asked of the API), a real date-time. */
  startedAt: string;
  /** `callerid` as given, e.g. `"John Doe" <5551112222>`; '' when absent. */
  callerId: string;
  /** `destination` digits as given, a leading '+' removed; '' when absent. */
  destination: string;
  /** "Inbound DID", "Outgoing to Canada - Quebec"...; '' when absent. */
  description: string;
  /** The sub account, e.g. `100000_alice`. */
  account: string;
  disposition: CallDisposition;
  /** Whole seconds of the call (`seconds`, else derived from `duration`). */
  seconds: number;
  /**
   * The provider's per-minute cost (`rate`, 8 decimals). Null when the record has no
   * `rate`: getResellerCDR documents no such field, only `total`.
   */
  costRate: RateE8 | null;
  /** The provider's charge for the call (`total`), half-up to a micro. Null when absent. */
  costTotal: Micros | null;
  direction: CallDirection;
  /** Inbound calls: the DID that was called (the provider writes it in `destination`). */
  didNumber: string | null;
}

/** A row that could not be read; the import goes on and reports it. */
export interface CdrRejection {
  line: number;
  reason: string;
}

export interface CdrBatch {
  good: ParsedCdr[];
  rejected: CdrRejection[];
  /** Cumulative: lines of the file consumed so far (JSON: records read so far). */
  linesRead: number;
  /** Cumulative: bytes taken from the input so far (for a progress bar against the file size). */
  bytesRead: number;
}

export interface CdrParseOptions {
  /** Rows (good + rejected) per batch; default 5,000. */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 5_000;

/** The file as a whole cannot be read: wrong shape, missing columns, or a provider error document. */
export class CdrFileError extends AppError {
  constructor(
    message: string,
    /** The provider's `status` when the file is an error answer (e.g. `invalid_date_from`). */
    readonly providerStatus: string | null = null,
  ) {
    super('invalid_input', message);
    this.name = 'CdrFileError';
  }
}

export function isCdrRejection(result: ParsedCdr | CdrRejection): result is CdrRejection {
  return 'reason' in result;
}
