/**
 * Issue 15: when an e-mail that failed is tried again. A mail server that is down for
 * maintenance is usually back within minutes, one that refuses for a quota within hours; past
 * the last wait the e-mail is marked failed and shown, for the reseller to retry or discard.
 * Fixed steps (no jitter): the console sends a handful of e-mails, not a burst of thousands.
 */
export const EMAIL_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/** Attempts in all, the first one included: after this many failures the e-mail is failed. */
export const EMAIL_MAX_ATTEMPTS = EMAIL_RETRY_DELAYS_MS.length + 1;

/**
 * How long a claimed e-mail is held by the process sending it: past every SMTP wait
 * (transport.ts SMTP_TIMEOUTS), so another process never sends it at the same time; an
 * e-mail a dead process left claimed is due again once this has passed.
 */
export const SEND_LEASE_MS = 5 * 60_000;

/** The wait after the `attempts`-th failed attempt (1, 2, …), or null: no more attempts, the e-mail has failed. */
export function emailRetryDelay(attempts: number, permanent = false): number | null {
  if (permanent || attempts >= EMAIL_MAX_ATTEMPTS) return null;
  return EMAIL_RETRY_DELAYS_MS[Math.max(attempts, 1) - 1] ?? null;
}
