import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullFromProvider } from '../../main/sync/pull/pull';
import { createContext } from '../../main/services/context';
import { VoipmsProvider } from '../../main/sync/voipms';
import { conformanceProblems, startDemoEmulator, type DemoEmulator } from '../fixtures/emulator';
import { tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 12, pulls over HTTP from the emulator's demo reseller (`npm run serve -- --emulator`
 * shows the same): the first connection brings in its packages, clients, sub accounts and DIDs
 * and its calls, rated; a second pull matches every row and adds nothing; every request is
 * named and formatted as methods.json says.
 */
let temp: TempStore;
let demo: DemoEmulator;
beforeEach(async () => {
  temp = await tempStore();
  demo = await startDemoEmulator();
});
afterEach(async () => {
  await demo.stop();
  await temp.cleanup();
});

describe('a pull from the emulator', () => {
  it('brings the demo reseller in once: accounts matched on the second pull, calls rated and never doubled', async () => {
    const ctx = createContext(temp.store);
    const provider = new VoipmsProvider({ credentials: { username: demo.emulator.username, password: demo.emulator.password, baseUrl: demo.url } });
    const there = demo.emulator.snapshot();
    const to = new Date().toISOString().slice(0, 10);
    const input = { from: '2026-01-01', to, timezone: 0, accounts: true, calls: true, balances: true };

    const first = await pullFromProvider(ctx, provider, input);
    expect(first.failures).toEqual([]);
    expect(first.accounts).toMatchObject({
      packages: { created: there.packages.length },
      clients: { created: there.clients.length },
      subaccounts: { created: there.subaccounts.length },
      dids: { created: there.dids.length },
    });
    expect(first.calls).toMatchObject({ read: there.cdrs, added: there.cdrs, rated: there.cdrs, rejected: 0 });
    // Each client starts from its balance at the provider (its past calls are in it): no difference to reconcile.
    expect(first.balances).toEqual({ checked: there.clients.length, differing: 0 });
    const openings = await temp.store.db.selectFrom('ledger_entries').select('client_id').where('kind', '=', 'opening').execute();
    expect(openings.length).toBeGreaterThan(0);
    const count = (table: 'clients' | 'packages' | 'subaccounts' | 'dids' | 'calls') =>
      temp.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((row) => Number(row.n));
    expect(await count('calls')).toBe(there.cdrs);
    const linked = await temp.store.db.selectFrom('clients').select('provider_id').orderBy('provider_id').execute();
    expect(linked.map((row) => row.provider_id)).toEqual(there.clients.map((client) => String(client.client)).sort());

    const second = await pullFromProvider(ctx, provider, input);
    expect(second.accounts).toMatchObject({
      packages: { created: 0, matched: there.packages.length },
      clients: { created: 0, matched: there.clients.length },
      subaccounts: { created: 0, matched: there.subaccounts.length },
      dids: { created: 0, matched: there.dids.length },
    });
    expect(second.calls).toMatchObject({ added: 0, duplicates: there.cdrs });
    for (const table of ['clients', 'packages', 'subaccounts', 'dids'] as const) expect(await count(table)).toBeGreaterThan(0);
    expect(await count('clients')).toBe(there.clients.length);
    expect(await count('calls')).toBe(there.cdrs);
    expect(conformanceProblems(demo.emulator.requests())).toEqual([]);
  });
});
