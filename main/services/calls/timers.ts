import { setTimeout as delay } from 'node:timers/promises';

/**
 * The clocks an import waits on, injected so tests drive them instead of racing real
 * time on a loaded machine: how long a transaction has been open, how long to wait for
 * the next batch, how long a streamed upload has been idle.
 */
export interface ImportTimers {
  /** Milliseconds on a clock that only moves forward. */
  now(): number;
  /** Settles after `ms`, or never once `signal` aborts (the waiter has moved on). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realTimers: ImportTimers = {
  now: () => performance.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => new Promise<void>(() => undefined)),
};

/** The promise's value if it settles within `ms`, else null (the promise is left to settle later). */
export async function withinMs<T>(timers: ImportTimers, promise: Promise<T>, ms: number): Promise<T | null> {
  const timer = new AbortController();
  try {
    return await Promise.race([promise, timers.sleep(ms, timer.signal).then(() => null)]);
  } finally {
    timer.abort();
  }
}
