/** How every IPC result crosses a process boundary (CONVENTIONS.md): no thrown exceptions. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. "pulseSeconds" or "customRates.2.value". */
  path: string;
  message: string;
}

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unknown_channel'
  | 'unauthorized'
  | 'db_too_new'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
