import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PgStore } from '../../db/open';
import { EventBus } from '../../main/events';
import { createHandlerTable, dispatch, type HandlerTable } from '../../main/handlers/index';
import { relayDataChanges, relayFollowing, type EventRelay } from '../../main/services/pgEvents';
import { join } from 'node:path';
import { openStore, type Store } from '../../db/open';
import { dataDomains, type DataDomain } from '../../preload/events';
import { runCli } from '../../main/cli/run';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 16: two instances of the app on one team database, each with its own pool, bus and
 * relay. A change through one reaches the other's window as `data.changed` (LISTEN/NOTIFY),
 * never its own twice, and the relay listens again after its connection dropped.
 */

interface Instance {
  store: PgStore;
  events: EventBus;
  table: HandlerTable;
  relay: EventRelay;
  heard: DataDomain[][];
  /** Settles when this instance's bus has emitted a data.changed that `matches`. */
  hears(matches: (domains: DataDomain[]) => boolean): Promise<DataDomain[]>;
}

function instance(store: PgStore, id: string): Instance {
  const events = new EventBus();
  const heard: DataDomain[][] = [];
  const waiters: { matches: (domains: DataDomain[]) => boolean; resolve: (domains: DataDomain[]) => void }[] = [];
  events.listen((name, payload) => {
    if (name !== 'data.changed') return;
    const domains = (payload as { domains: DataDomain[] }).domains;
    heard.push(domains);
    for (const waiter of [...waiters]) {
      if (waiter.matches(domains)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(domains);
      }
    }
  });
  const relay = relayDataChanges(store, events, { instanceId: id, retryMs: 20, log: () => undefined });
  return {
    store,
    events,
    table: createHandlerTable({ store, host: 'headless', events, now: () => FIXED_NOW }),
    relay,
    heard,
    hears: (matches) => new Promise((resolve) => waiters.push({ matches, resolve })),
  };
}

const client = (name: string) => ({ firstName: name, lastName: 'Team', email: `${name.toLowerCase()}@example.com`, balanceMode: 'soft' });
const basicPackage = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '0', setupFee: '0' };

describe('events between instances on one PostgreSQL database (LISTEN/NOTIFY)', () => {
  let temp: TempStore;
  let a: Instance;
  let b: Instance;

  beforeEach(async () => {
    temp = await tempStore();
    if (temp.store.dialect !== 'postgres') throw new Error('tests/pg runs with RC_TEST_STORE=postgres');
    a = instance(temp.store, 'instance-a');
    b = instance((await temp.reopen()) as PgStore, 'instance-b');
    await Promise.all([a.relay.listening, b.relay.listening]);
  });
  afterEach(async () => {
    await Promise.all([a.relay.stop(), b.relay.stop()]);
    await b.store.close();
    await temp.cleanup();
  });

  it("tells the other instance's bus what changed, and not its own bus twice", async () => {
    const bHearsClients = b.hears((domains) => domains.includes('clients'));
    expect(await dispatch(a.table, 'clients.create', client('Ann'), a.events)).toMatchObject({ ok: true });
    expect(await bHearsClients).toContain('clients');
    // The change is in B's database too (one database, two pools).
    expect(await dispatch(b.table, 'clients.list', undefined, b.events)).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Ann Team' })] });

    const aHearsPackages = a.hears((domains) => domains.includes('packages'));
    expect(await dispatch(b.table, 'packages.create', basicPackage, b.events)).toMatchObject({ ok: true });
    await aHearsPackages;
    // Notifications arrive in commit order: A's own (clients) came before B's (packages) and was ignored.
    expect(a.heard.filter((domains) => domains.includes('clients'))).toHaveLength(1);
    expect(a.heard.at(-1)).toEqual(['packages']);
    expect(b.heard.filter((domains) => domains.includes('packages'))).toHaveLength(1);
  });

  it('listens again after its connection dropped, and tells its window to read everything afresh', async () => {
    const refreshAll = b.hears((domains) => domains.length === dataDomains.length);
    // The server ends B's listening connection (a restart, a network cut, an administrator).
    const ended = await a.store.pool.query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen rc_events'`,
    );
    // B's and A's listening connections both ran LISTEN last; both are ended.
    expect(ended.rows.length).toBe(2);
    await refreshAll;
    const bHearsBea = b.hears((domains) => domains.includes('clients'));
    expect(await dispatch(a.table, 'clients.create', client('Bea'), a.events)).toMatchObject({ ok: true });
    expect(await bHearsBea).toContain('clients');
  });

  it("tells the windows what a command line run changed", async () => {
    const bHearsClients = b.hears((domains) => domains.includes('clients'));
    const created = await dispatch(a.table, 'clients.create', client('Dan'), a.events);
    await bHearsClients;
    const bHearsLedger = b.hears((domains) => domains.includes('ledger'));
    let err = '';
    const id = (created as { value: { id: number } }).value.id;
    expect(await runCli(['--db', temp.location, 'client', 'payment', String(id), '--amount', '12.50'], { out: () => undefined, err: (text) => (err += text) }, { now: () => FIXED_NOW })).toBe(0);
    expect(err).toBe('');
    await bHearsLedger;
  });

  it('follows the database a workspace serves: none while the demo (a file) is open, the new pool once back', async () => {
    const bus = new EventBus();
    const heard: DataDomain[][] = [];
    bus.listen((name, payload) => name === 'data.changed' && heard.push((payload as { domains: DataDomain[] }).domains));
    let served: Store = (await temp.reopen()) as PgStore;
    const first = served as PgStore;
    const listeners = async (): Promise<number> =>
      Number((await a.store.pool.query<{ count: string }>("select count(*) from pg_stat_activity where datname = current_database() and query ilike 'listen rc_events'")).rows[0]!.count);
    const relay = relayFollowing((work) => work(served), bus, { retryMs: 20, log: () => undefined });
    try {
      // A and B listen; the workspace's relay makes a third.
      await waitUntil(async () => (await listeners()) === 3);
      const heardPackages = new Promise<void>((resolve) => bus.listen((name, payload) => name === 'data.changed' && (payload as { domains: DataDomain[] }).domains.includes('packages') && resolve()));
      await dispatch(a.table, 'packages.create', basicPackage, a.events);
      await heardPackages;
      // To the demo: the switch closes the server's pool, serves a file, then says so.
      await first.close();
      const demo = await openStore(join(temp.dir, 'reseller-demo.db'));
      try {
        served = demo;
        bus.emit('workspace.changed', { workspace: 'demo' });
        await waitUntil(async () => (await listeners()) === 2);
        // Back: a new pool on the server.
        const back = (await temp.reopen()) as PgStore;
        served = back;
        bus.emit('workspace.changed', { workspace: 'real' });
        await waitUntil(async () => (await listeners()) === 3);
        const heardClients = new Promise<void>((resolve) => bus.listen((name, payload) => name === 'data.changed' && (payload as { domains: DataDomain[] }).domains.includes('clients') && resolve()));
        await dispatch(a.table, 'clients.create', client('Eve'), a.events);
        await heardClients;
        await relay.stop();
        await back.close();
      } finally {
        await demo.close();
      }
    } finally {
      await relay.stop();
    }
  });

  it('ignores a notification that is not one of its own shape', async () => {
    await a.store.pool.query(`select pg_notify('rc_events', 'not json'), pg_notify('rc_events', '{"from":"x","domains":["nothing"]}')`);
    const bHearsClients = b.hears((domains) => domains.includes('clients'));
    await dispatch(a.table, 'clients.create', client('Cat'), a.events);
    await bHearsClients;
    // The two stray notices came first (commit order) and were dropped: the one change is all B heard.
    expect(b.heard).toHaveLength(1);
    expect(b.heard[0]).toContain('clients');
  });
});

/** Waits for a state of the server, asking again each time it answers (no fixed sleep). */
async function waitUntil(holds: () => Promise<boolean>): Promise<void> {
  for (let asked = 0; asked < 2_000; asked += 1) {
    if (await holds()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the state never came');
}
