import type { ErrorCode, FieldIssue } from '../preload/result';

/** An error a person can read and a program can check (CONVENTIONS.md). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} was not found`);

export function fieldError(path: string, message: string): AppError {
  return new AppError('invalid_input', message, [{ path, message }]);
}
