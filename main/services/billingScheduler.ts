import type { Store } from '../../db/open';
import { changesOf } from '../../preload/contract';
import type { BillingRunResult } from '../../preload/schemas/clients';
import type { EventBus } from '../events';
import { runDueBilling } from './billing';
import { localDate } from './clock';
import { createContext, type ServiceContext } from './context';
import { raiseBilledNotice, type BillingTrigger } from './billingNotice';
import { findOutOfRangeClients, reportSkippedBilling } from './moneyHealth';

export { billedNotice, type BillingTrigger } from './billingNotice';

/**
 * Issue 10, "money on time": a console left open past a billing date must bill it. The
 * start bills what came due while the app was closed (startup.ts); while it runs, this
 * scheduler bills again at each local midnight, after the computer wakes, and whenever a
 * periodic look at the calendar finds the day has changed since its last run (a sleep
 * past midnight that no resume event announced). Every run goes through the same
 * `runDueBilling` as the start, so a cycle is billed once however many triggers meet.
 */

/** What made the scheduler look: its midnight timer, the host's resume event, or its periodic check. */

export interface ScheduledBilling {
  trigger: BillingTrigger;
  result: BillingRunResult;
  /** The notice raised for the reseller, or null when nothing was billed. */
  notice: string | null;
}

export interface BillingScheduler {
  /**
   * Arms the midnight timer and the periodic check. `billedDate` is the day the start's own
   * run billed (its result's date; today when not given), so a start just before midnight
   * still bills the new day.
   */
  start(billedDate?: string): void;
  /** Looks at the calendar now: bills when the local day changed since the last run. Runs one at a time. */
  check(trigger: BillingTrigger): Promise<ScheduledBilling | null>;
  /** The computer woke from sleep (Electron: powerMonitor 'resume'). */
  onResume(): Promise<ScheduledBilling | null>;
  /** Clears every timer; resolves once a run in flight has ended (so the store can close after it). */
  stop(): Promise<void>;
  /** Resolves once every check asked for so far has ended (tests and hosts wait on it, never on time). */
  idle(): Promise<void>;
}

export type TimerHandle = unknown;

/** Lends the database open now for one run (the workspace's `withStore`: a switch to the demo waits for it). */
export type StoreLender = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

export interface BillingSchedulerOptions {
  /** The database to bill: one store, or a lender of the one open when a run starts. */
  store: Store | StoreLender;
  /** The host's bus: a run that wrote announces `data.changed`, so open windows refresh. */
  events: EventBus;
  now?: () => Date;
  setTimeout?: (run: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** How often the calendar is looked at besides midnight (a missed midnight is caught within this). */
  checkEveryMs?: number;
  /** Where a run's summary and failures are written (the host's console). */
  log?: (line: string) => void;
}

/** setTimeout keeps its delay in a signed 32-bit integer: a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const DEFAULT_CHECK_EVERY_MS = 5 * 60 * 1000;

/**
 * The next local midnight after `now`, from the calendar (not now + 24 h): a day of a
 * daylight-saving change lasts 23 or 25 hours. Where a change skips midnight itself,
 * Date moves it to the first instant that exists (01:00).
 */
export function nextLocalMidnight(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 0, 0);
}

/** How long to wait for `at`: never negative, never past what setTimeout can hold (it then looks again). */
export function timerDelay(now: Date, at: Date): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, at.getTime() - now.getTime()));
}

/**
 * One run: the same due billing as the start (the clients the start would leave out are
 * left out), the start's notices for skipped client packages, a notice of what was billed,
 * and `data.changed` so every window shows it.
 */
async function billDueCycles(ctx: ServiceContext, events: EventBus, trigger: BillingTrigger): Promise<ScheduledBilling> {
  const { store } = ctx;
  // The start's checks of a database written before the money limits (issue 9), once a day here.
  const outOfRange = await findOutOfRangeClients(store.db, ctx.now());
  const result = await runDueBilling(ctx, new Set(outOfRange.map((client) => client.id)));
  await reportSkippedBilling(store.db, result.skipped, ctx.now());
  const notice = await raiseBilledNotice(ctx, trigger, result);
  if (notice !== null || result.skipped.length > 0 || outOfRange.length > 0) {
    events.emit('data.changed', { domains: [...changesOf('billing.run')] });
  }
  return { trigger, result, notice };
}

export function createBillingScheduler(options: BillingSchedulerOptions): BillingScheduler {
  const now = options.now ?? (() => new Date());
  const setTimer = options.setTimeout ?? ((run: () => void, ms: number): TimerHandle => setTimeout(run, ms));
  const clearTimer = options.clearTimeout ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const checkEveryMs = options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const { store } = options;
  const lend: StoreLender = typeof store === 'function' ? store : (work) => work(store);

  let running = false;
  let lastRunDate: string | null = null;
  let midnightTimer: TimerHandle | undefined;
  let periodicTimer: TimerHandle | undefined;
  // Checks run one after another: two triggers at once (a resume and the midnight timer) make one run.
  let queue: Promise<unknown> = Promise.resolve();

  function armMidnight(): void {
    if (midnightTimer !== undefined) clearTimer(midnightTimer);
    midnightTimer = undefined;
    if (!running) return;
    const at = now();
    midnightTimer = setTimer(() => {
      midnightTimer = undefined;
      void check('midnight');
    }, timerDelay(at, nextLocalMidnight(at)));
  }

  function armPeriodic(): void {
    if (!running) return;
    periodicTimer = setTimer(() => {
      periodicTimer = undefined;
      armPeriodic();
      void check('check');
    }, checkEveryMs);
  }

  async function checkNow(trigger: BillingTrigger): Promise<ScheduledBilling | null> {
    if (!running) return null;
    try {
      const today = localDate(now());
      if (today === lastRunDate) return null;
      // On a team server every instance checks: the run's advisory lock and the billed periods make one bill per cycle (billing.ts).
      const outcome = await lend((current) => billDueCycles(createContext(current, now, undefined, options.events), options.events, trigger));
      lastRunDate = outcome.result.date;
      if (outcome.notice !== null) log(`[billing] ${outcome.notice}`);
      return outcome;
    } catch (error) {
      // The day stays unbilled: the next check (at most checkEveryMs away) tries again.
      log(`[billing] the ${trigger} run failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      // From the clock as it is now: a timer armed before a sleep or a clock change is stale.
      armMidnight();
    }
  }

  function check(trigger: BillingTrigger): Promise<ScheduledBilling | null> {
    const next = queue.then(() => checkNow(trigger));
    queue = next;
    return next;
  }

  return {
    start(billedDate) {
      if (running) return;
      running = true;
      lastRunDate = billedDate ?? localDate(now());
      armMidnight();
      armPeriodic();
    },
    check,
    onResume: () => check('wake'),
    async stop() {
      running = false;
      if (midnightTimer !== undefined) clearTimer(midnightTimer);
      if (periodicTimer !== undefined) clearTimer(periodicTimer);
      midnightTimer = undefined;
      periodicTimer = undefined;
      await queue;
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}
