import type { FieldIssue } from '../../../preload/result';

/** Field path → first message, e.g. { pulseSeconds: "Pulse must be at least 1 second" }. */
export type FieldErrors = Readonly<Record<string, string>>;

export function issuesByField(issues: readonly FieldIssue[] | undefined): FieldErrors {
  const byField: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const field = issue.path === '' ? '_form' : issue.path;
    byField[field] ??= issue.message;
  }
  return byField;
}
