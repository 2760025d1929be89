import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../main/events';
import { createBillingScheduler, MAX_TIMER_MS, nextLocalMidnight, timerDelay, type BillingScheduler } from '../../../main/services/billingScheduler';
import type { AppEvents } from '../../../preload/events';
import { channelCaller } from '../../helpers/channels';
import { fillBalanceToLimit } from '../../helpers/seed';
import { tempStore, type TempStore } from '../../helpers/store';
import { asSqlite } from '../../helpers/sqliteOnly';

// A zone with daylight saving: midnight is a calendar matter, not "24 h later".
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/**
 * The scheduler's clock and timers. `advanceTo` is a machine awake: the wall clock moves
 * and every timer due fires in order. `sleep` is a laptop lid closed: the wall clock jumps
 * but timers (counted on the monotonic clock) stand still, so each fires that much later.
 */
class FakeTime {
  private time: number;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; run: () => void }>();

  constructor(start: string) {
    this.time = Date.parse(start);
  }

  now = (): Date => new Date(this.time);
  setTimeout = (run: () => void, ms: number): number => {
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(MAX_TIMER_MS);
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** The instants the armed timers will fire at, earliest first. */
  armedAt(): string[] {
    return [...this.timers.values()].map((timer) => new Date(timer.at).toISOString()).sort();
  }

  async advanceTo(instant: string, scheduler: BillingScheduler): Promise<void> {
    const target = Date.parse(instant);
    // A timer re-armed for "now" over and over would spin forever (all microtasks: no test timeout could end it).
    for (let fired = 0; ; fired += 1) {
      if (fired > 10_000) throw new Error(`timers spin at ${this.now().toISOString()}`);
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await scheduler.idle();
    }
    this.time = target;
  }

  sleep(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.values()) timer.at += ms;
  }
}

let temp: TempStore;
let events: EventBus;
let heard: AppEvents['data.changed'][];
let scheduler: BillingScheduler | undefined;
const { ok } = channelCaller(() => temp.table);

beforeEach(async () => {
  temp = await tempStore();
  events = new EventBus();
  heard = [];
  events.listen((name, payload) => {
    if (name === 'data.changed') heard.push(payload as AppEvents['data.changed']);
  });
});
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await temp.cleanup();
});

const log = vi.fn();
function startScheduler(time: FakeTime, billedDate?: string): BillingScheduler {
  scheduler = createBillingScheduler({ store: temp.store, events, now: time.now, setTimeout: time.setTimeout, clearTimeout: time.clearTimeout, log });
  scheduler.start(billedDate);
  return scheduler;
}

/** Alice (soft balance) on a 10.00 package whose next billing date is `due` (set in the database when before the table's today). */
async function aliceDueOn(due: string, firstName = 'Alice'): Promise<number> {
  const pkg = await ok<{ id: number }>('packages.create', { name: `Basic ${firstName}`, markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' });
  const client = await ok<{ id: number }>('clients.create', { firstName, lastName: 'Martin', email: `${firstName.toLowerCase()}@example.com`, balanceMode: 'soft' });
  const connectOn = due < '2026-11-25' ? '2026-11-26' : due;
  await ok('clients.connectPackage', { clientId: client.id, packageId: pkg.id, nextBillingDate: connectOn });
  if (connectOn !== due) {
    const monthBefore = new Date(`${due}T00:00:00Z`);
    monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
    asSqlite(temp.store).sqlite
      .prepare('update client_packages set next_billing_date = ?, billing_day = ?, cycle_start_date = ? where client_id = ?')
      .run(due, Number(due.slice(8)), monthBefore.toISOString().slice(0, 10), client.id);
  }
  return client.id;
}

const feesOf = (clientId: number) =>
  asSqlite(temp.store).sqlite.prepare<[number], { amount_micros: number; description: string }>(`select amount_micros, description from ledger_entries where client_id = ? order by id`).all(clientId);
const notices = () => asSqlite(temp.store).sqlite.prepare<[], { client_id: number | null; kind: string; message: string }>(`select client_id, kind, message from notices order by id`).all();

describe('when the next local midnight is', () => {
  it('is the next calendar day at 00:00, 23 h away on the day clocks go forward and 25 h on the day they go back', () => {
    expect(nextLocalMidnight(new Date('2026-11-25T17:00:00Z')).toISOString()).toBe('2026-11-26T05:00:00.000Z');
    // 2026-03-08: New York moves from EST (-05:00) to EDT (-04:00) at 02:00.
    const springDay = new Date('2026-03-08T05:00:00Z'); // 00:00 EST
    expect(nextLocalMidnight(springDay).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(nextLocalMidnight(springDay).getTime() - springDay.getTime()).toBe(23 * 3600_000);
    // 2026-11-01: back from EDT to EST at 02:00.
    const fallDay = new Date('2026-11-01T04:00:00Z'); // 00:00 EDT
    expect(nextLocalMidnight(fallDay).toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(nextLocalMidnight(fallDay).getTime() - fallDay.getTime()).toBe(25 * 3600_000);
    // A second before midnight: the midnight a second away, not the one after.
    expect(nextLocalMidnight(new Date('2026-11-26T04:59:59Z')).toISOString()).toBe('2026-11-26T05:00:00.000Z');
  });

  it('never asks setTimeout for a negative delay or one past 2^31-1 ms (which would fire at once)', () => {
    const now = new Date('2026-11-25T17:00:00Z');
    expect(timerDelay(now, new Date('2026-11-25T16:00:00Z'))).toBe(0);
    expect(timerDelay(now, new Date('2027-11-25T17:00:00Z'))).toBe(MAX_TIMER_MS);
    expect(timerDelay(now, new Date('2026-11-26T05:00:00Z'))).toBe(12 * 3600_000);
  });
});

describe('the billing scheduler', () => {
  it('arms a timer for the next local midnight and a periodic check', async () => {
    const time = new FakeTime('2026-11-25T17:00:00Z'); // 12:00 in New York
    startScheduler(time);
    expect(time.armedAt()).toEqual(['2026-11-25T17:05:00.000Z', '2026-11-26T05:00:00.000Z']);
  });

  it('at midnight bills the cycles due that day, says what it billed, tells the windows, and re-arms for the next midnight', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const bob = await aliceDueOn('2026-11-26', 'Bob');
    // Half a minute off the periodic check's beat, so that midnight's own timer is the one that bills.
    const time = new FakeTime('2026-11-25T17:00:30Z');
    const running = startScheduler(time);
    heard = [];

    await time.advanceTo('2026-11-26T04:59:59Z', running);
    expect(feesOf(alice)).toEqual([]);
    expect(heard).toEqual([]);

    await time.advanceTo('2026-11-26T05:00:00Z', running);
    expect(feesOf(alice)).toEqual([{ amount_micros: -10_000_000, description: expect.stringContaining('Monthly fee') }]);
    expect(feesOf(bob)).toHaveLength(1);
    expect(notices()).toEqual([{ client_id: null, kind: 'billing', message: 'Billing at midnight (Nov 26, 2026): 2 billing cycles closed for 2 clients, $20.00 in fees.' }]);
    expect(heard).toEqual([{ domains: expect.arrayContaining(['billing', 'ledger', 'clients', 'notices']) }]);
    expect(time.armedAt()).toContain('2026-11-27T05:00:00.000Z');

    // The next midnight finds nothing due: nothing billed, no notice, no event.
    await time.advanceTo('2026-11-27T05:00:00Z', running);
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices()).toHaveLength(1);
    expect(heard).toHaveLength(1);
    expect(time.armedAt()).toContain('2026-11-28T05:00:00.000Z');
  });

  it('bills a cycle once: a run by hand the same day, the midnight timer and a resume charge it one time', async () => {
    const alice = await aliceDueOn('2026-11-25');
    await ok('billing.run', { date: '2026-11-25' });
    const time = new FakeTime('2026-11-25T17:00:00Z');
    const running = startScheduler(time, '2026-11-24');
    await running.check('check');
    await running.onResume();
    await time.advanceTo('2026-11-26T06:00:00Z', running);
    await running.onResume();
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices()).toEqual([]);
  });

  it('after sleeping past midnight, a resume bills the day once and the late midnight timer adds nothing', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-26T04:00:00Z'); // 23:00 in New York
    const running = startScheduler(time);
    time.sleep(3 * 3600_000); // the lid opens at 02:00; the midnight timer is now due at 03:00
    expect(feesOf(alice)).toEqual([]);

    const woke = await running.onResume();
    expect(woke?.notice).toBe('Billing after the computer woke (Nov 26, 2026): 1 billing cycle closed for 1 client, $10.00 in fees.');
    expect(feesOf(alice)).toHaveLength(1);
    // The resume re-armed the midnight timer from the clock as it is now: the next midnight.
    expect(time.armedAt().filter((at) => at.endsWith(':00:00.000Z'))).toEqual(['2026-11-27T05:00:00.000Z']);
    await time.advanceTo('2026-11-26T12:00:00Z', running);
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices()).toHaveLength(1);
  });

  it('after sleeping past midnight with no resume event, the late timers bill the day once', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-26T04:58:00Z'); // 23:58
    const running = startScheduler(time);
    time.sleep(8 * 3600_000);
    // Both timers came due during the sleep: they fire late, at wake, and the first (midnight's) bills the day.
    await time.advanceTo('2026-11-26T13:05:00Z', running);
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices().map((notice) => notice.message)).toEqual(['Billing at midnight (Nov 26, 2026): 1 billing cycle closed for 1 client, $10.00 in fees.']);
  });

  it('the periodic check catches a missed midnight while the midnight timer still waits', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-26T04:00:00Z'); // 23:00
    const running = startScheduler(time);
    // The wall clock jumps two hours (a sleep no event announced, or the clock set by hand): timers count
    // elapsed time, so the midnight timer still waits its hour, and the periodic check comes first.
    time.sleep(2 * 3600_000);
    expect(time.armedAt()).toEqual(['2026-11-26T06:05:00.000Z', '2026-11-26T07:00:00.000Z']);
    await time.advanceTo('2026-11-26T06:05:00Z', running);
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices().map((notice) => notice.message)).toEqual(['Billing for the new day (Nov 26, 2026): 1 billing cycle closed for 1 client, $10.00 in fees.']);
  });

  it('bills the new day of a 23-hour day at its midnight, not an hour late', async () => {
    const alice = await aliceDueOn('2026-03-09');
    const time = new FakeTime('2026-03-08T05:30:30Z'); // 00:30 EST on the day clocks go forward
    const running = startScheduler(time);
    expect(time.armedAt()).toContain('2026-03-09T04:00:00.000Z');
    await time.advanceTo('2026-03-09T04:00:00Z', running);
    expect(notices().map((notice) => notice.message)).toEqual(['Billing at midnight (Mar 9, 2026): 1 billing cycle closed for 1 client, $10.00 in fees.']);
    expect(feesOf(alice)).toHaveLength(1);
  });

  it('bills the new day of a 25-hour day at its midnight, not an hour early', async () => {
    const alice = await aliceDueOn('2026-11-02');
    const time = new FakeTime('2026-11-01T04:30:30Z'); // 00:30 EDT on the day clocks go back
    const running = startScheduler(time);
    await time.advanceTo('2026-11-02T04:30:00Z', running); // 24 h later: still 23:30 on Nov 1
    expect(feesOf(alice)).toEqual([]);
    await time.advanceTo('2026-11-02T05:00:00Z', running);
    expect(feesOf(alice)).toHaveLength(1);
    expect(notices()[0]?.message).toMatch(/^Billing at midnight \(Nov 2, 2026\)/);
  });

  it('a start just before midnight still bills the new day', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-26T05:00:01Z'); // 00:00:01, the start's run billed the 25th
    const running = startScheduler(time, '2026-11-25');
    await running.check('check');
    expect(feesOf(alice)).toHaveLength(1);
  });

  it('a client package the ledger refuses is skipped with the start\'s notice; nothing billed raises no billing summary', async () => {
    const alice = await aliceDueOn('2026-11-26');
    fillBalanceToLimit(asSqlite(temp.store).sqlite, alice, '2026-11-20');
    const time = new FakeTime('2026-11-25T17:00:00Z');
    const running = startScheduler(time);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await time.advanceTo('2026-11-26T05:00:00Z', running);
    } finally {
      warn.mockRestore();
    }
    expect(notices()).toEqual([{ client_id: alice, kind: 'billing', message: expect.stringMatching(/^Automatic billing skipped Alice Martin \(the cycle stays due\)/) }]);
    expect(heard.at(-1)?.domains).toContain('notices');
  });

  it('stop() clears its timers: nothing fires or bills after it', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-25T17:00:00Z');
    const running = startScheduler(time);
    await running.stop();
    expect(time.timers.size).toBe(0);
    await time.advanceTo('2026-11-27T00:00:00Z', running);
    expect(await running.onResume()).toBeNull();
    expect(feesOf(alice)).toEqual([]);
  });

  it('a failed run is logged, and the next check tries the day again', async () => {
    const alice = await aliceDueOn('2026-11-26');
    const time = new FakeTime('2026-11-25T17:00:30Z');
    const running = startScheduler(time);
    // The run's first read fails (the start's out-of-range check).
    const broken = vi.spyOn(temp.store.db, 'selectFrom').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    log.mockClear();
    await time.advanceTo('2026-11-26T05:00:00Z', running);
    expect(log).toHaveBeenCalledWith('[billing] the midnight run failed: disk I/O error');
    expect(feesOf(alice)).toEqual([]);
    broken.mockRestore();
    await time.advanceTo('2026-11-26T05:05:30Z', running);
    expect(feesOf(alice)).toHaveLength(1);
  });
});
