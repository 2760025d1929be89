import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../main/events';
import { dispatch } from '../../main/handlers/table';
import { createWorkspace, type WorkspaceHost } from '../../main/handlers/workspace';
import { createBillingScheduler, type BillingScheduler } from '../../main/services/billingScheduler';
import type { ClientManageView } from '../../preload/schemas/clients';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// Issue 10: the midnight run bills the database open at that moment (the reseller's own, or
// the demo while "Try the demo" is open), through the workspace, never a file it closed.
// Issue 16: the reseller's own database may be a team server's; the demo is a file either way.
const SMALL_DEMO = { clients: 4, cdrs: 200, seed: 3, months: 2 };

let temp: TempStore;
let workspace: WorkspaceHost;
let scheduler: BillingScheduler;
let clock: Date;
const log = vi.fn();
const events = new EventBus();

async function call<T>(name: string, input?: unknown): Promise<T> {
  const result = await dispatch(workspace.table, name, input, events);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

beforeEach(async () => {
  temp = await tempStore();
  workspace = createWorkspace({ real: temp.store, reopenReal: () => temp.reopen(), host: 'headless', events, now: () => FIXED_NOW, demo: SMALL_DEMO });
  clock = new Date('2026-11-26T12:00:00Z');
  // Timers are not what is tested here: the checks are asked for directly.
  scheduler = createBillingScheduler({ store: workspace.withStore, events, now: () => clock, setTimeout: () => 0, clearTimeout: () => undefined, log });
  scheduler.start('2026-11-25');
});
afterEach(async () => {
  await scheduler.stop();
  await workspace.close();
  await temp.cleanup();
});

describe('midnight billing and the demo workspace', () => {
  it('bills the reseller\'s own database, then the demo while it is open, and leaves the database not open alone', async () => {
    const pkg = await call<{ id: number }>('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' });
    const ann = await call<{ id: number }>('clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
    await call('clients.connectPackage', { clientId: ann.id, packageId: pkg.id, nextBillingDate: '2026-11-26' });

    const first = await scheduler.check('midnight');
    expect(first?.result).toMatchObject({ date: '2026-11-26', cyclesClosed: 1 });
    expect((await call<ClientManageView>('clients.manage', { id: ann.id })).client.balance).toBe('-10.000000');

    await call('workspace.open', { to: 'demo' });
    // A month on, with the demo open: the run is the demo's; Ann's next cycle stays due in her closed file.
    clock = new Date('2026-12-26T12:00:00Z');
    const second = await scheduler.check('midnight');
    expect(second?.result.date).toBe('2026-12-26');
    expect(log).not.toHaveBeenCalledWith(expect.stringMatching(/failed/));

    await call('workspace.open', { to: 'real' });
    const back = await call<ClientManageView>('clients.manage', { id: ann.id });
    expect(back.client.balance).toBe('-10.000000');
    expect(back.ledger.filter((entry) => entry.description.startsWith('Monthly fee'))).toHaveLength(1);
  });
});
