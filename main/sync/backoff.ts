/**
 * When to try again after a transient error (issue 12): exponential backoff with jitter,
 * so many clients that fail together (the provider's per-minute limit, a maintenance
 * window) do not all come back at the same instant. "Equal jitter": half the step is
 * fixed, half is random, so the wait still grows with each attempt. Pure: the random
 * number is given (tests give their own; the worker takes Math.random).
 */
export interface BackoffPolicy {
  /** The first wait's ceiling (attempt 1). */
  baseMs: number;
  /** No wait is longer than this, however many attempts. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

/** The wait after the `attempts`-th failed attempt (1, 2, …); `random` in [0, 1). */
export function backoffDelay(attempts: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempts, 1) - 1, 30));
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (unit * step) / 2);
}
