import type { ApiError, Result } from '../../../preload/result';
import { issuesByField, type FieldErrors } from '../lib/issues';
import { showToast } from '../stores/toasts';

/** What a form or dialog needs after an action: the value, or main's error split by field. */
export type ActionOutcome<T = void> = { ok: true; value: T } | { ok: false; error: ApiError; fieldErrors: FieldErrors };

export interface SuccessMessage {
  title: string;
  description?: string;
}

/** Turns main's Result into an outcome and shows the success toast when it worked. */
export async function perform<T>(
  request: Promise<Result<T>>,
  success: ((value: T) => SuccessMessage) | null,
): Promise<ActionOutcome<T>> {
  const result = await request;
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: issuesByField(result.error.issues) };
  if (success) showToast({ tone: 'success', ...success(result.value) });
  return { ok: true, value: result.value };
}

/**
 * The message to show above a form when none of main's field errors lands on a field
 * the form shows (e.g. "Client 4 is closed"); null when every problem sits under its field.
 */
export function unplacedMessage(error: ApiError | null, fieldErrors: FieldErrors, shownFields: readonly string[]): string | null {
  if (!error) return null;
  const placed = Object.keys(fieldErrors).some((field) => shownFields.includes(field));
  return placed ? null : error.message;
}
