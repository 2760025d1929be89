import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/open';
import { EventBus } from '../../main/events';
import { dispatch } from '../../main/handlers/table';
import { createBillingScheduler, type BillingScheduler } from '../../main/services/billingScheduler';
import { tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 16: every instance of a team runs the midnight billing check on the one database.
 * Two instances checking at the same moment bill each cycle once: the run's advisory lock and
 * the billed periods (billing.ts), not the instances' own memory of the last run.
 */
describe('the midnight billing check of two instances on one PostgreSQL database', () => {
  let temp: TempStore;
  let other: Store;
  const schedulers: BillingScheduler[] = [];
  const clock = () => new Date('2027-01-03T12:00:00Z');

  beforeEach(async () => {
    temp = await tempStore();
    if (temp.store.dialect !== 'postgres') throw new Error('tests/pg runs with RC_TEST_STORE=postgres');
    other = await temp.reopen();
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop()));
    await other.close();
    await temp.cleanup();
  });

  it('bills each due cycle once, whichever instance gets there first', async () => {
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const reply = await dispatch(temp.table, channel as never, input as never, new EventBus());
      if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
      return reply.value as T;
    };
    const pkg = await call<{ id: number }>('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' });
    const clientIds: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      const client = await call<{ id: number }>('clients.create', { firstName: `C${index}`, lastName: 'Team', email: `c${index}@example.com`, balanceMode: 'soft' });
      // Two missed cycles each (Nov 26 and Dec 26 are due on Jan 3).
      await call('clients.connectPackage', { clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-11-26' });
      clientIds.push(client.id);
    }
    for (const store of [temp.store, other]) {
      const scheduler = createBillingScheduler({ store, events: new EventBus(), now: clock, log: () => undefined, setTimeout: () => 0, clearTimeout: () => undefined });
      scheduler.start('2027-01-02');
      schedulers.push(scheduler);
    }

    const runs = await Promise.all(schedulers.map((scheduler) => scheduler.check('midnight')));
    const closed = runs.reduce((sum, run) => sum + (run?.result.cyclesClosed ?? 0), 0);
    expect(closed).toBe(40);

    const fees = await temp.store.db
      .selectFrom('ledger_entries')
      .select(['client_id', (eb) => eb.fn.countAll<number>().as('fees')])
      .where('kind', '=', 'monthly_fee')
      .groupBy('client_id')
      .execute();
    expect(fees.map((row) => Number(row.fees))).toEqual(clientIds.map(() => 2));
    const periods = await temp.store.db.selectFrom('billing_periods').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(periods.n)).toBe(40);
  });
});
