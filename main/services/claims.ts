import { randomInt } from 'node:crypto';
import type { Store } from '../../db/open';

/**
 * Issue 16: what the two outbox workers (the e-mail outbox, main/services/email/send.ts, and
 * the provider's, main/sync/pushWorker.ts) share about claiming rows on either store.
 *
 * A worker claims a row ('sending'), holds it for a lease (the row's next_attempt_at until
 * the claim ends), and records the outcome. Within one process, passes over one database go
 * one at a time (`passQueue`). Across processes, a claim is taken back when its owner is gone:
 * on SQLite (one machine) a dead pid says so at once; on PostgreSQL (team mode, several
 * machines) a pid means nothing, so a claim is taken back once its lease has ended.
 */

/**
 * One pass at a time per database in this process: a worker's pass and a command's (`sync
 * push`, `email send`) never claim together. Keyed by SQLite's one connection (whichever Store
 * holds it) or PostgreSQL's pool. Each worker makes its own queue.
 */
export function passQueue(): <T>(store: Store, work: () => Promise<T>) => Promise<T> {
  const passes = new WeakMap<object, Promise<unknown>>();
  return <T>(store: Store, work: () => Promise<T>): Promise<T> => {
    const key = store.dialect === 'sqlite' ? store.sqlite : store.db;
    const before = passes.get(key) ?? Promise.resolve();
    const next = before.then(work, work);
    passes.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };
}

const owners = new WeakMap<object, number>();

/**
 * Who claims, as written in a claim's `claimed_by`: on SQLite this process's pid (another
 * process on the machine can ask whether it lives); on PostgreSQL a random number for this
 * open store (its pool), which tells this instance's own claims from everyone else's —
 * another instance's claim is judged by its lease only.
 */
export function claimOwner(store: Store): number {
  if (store.dialect === 'sqlite') return process.pid;
  let owner = owners.get(store.db);
  if (owner === undefined) {
    owner = randomInt(1, 2 ** 31 - 1);
    owners.set(store.db, owner);
  }
  return owner;
}

/** The end of a lease of `ms` taken at `at`, as stored in next_attempt_at. */
export const leaseEnd = (at: Date, ms: number): string => new Date(at.getTime() + ms).toISOString();
