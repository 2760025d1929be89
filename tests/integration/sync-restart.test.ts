import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../preload/schemas/sync';
import { ProviderError, type ProviderParams } from '../../main/sync/provider';
import { PUSH_LEASE_MS } from '../../main/sync/pushWorker';
import { OutboxFakeProvider } from '../helpers/outboxFakeProvider';
import { aliceInput, outboxRows, syncWorld, type SyncWorld } from '../helpers/syncWorld';

// Issue 12, "restart in the middle": a process pushing the outbox is killed (SIGKILL) while
// addCharge is on the wire, after the provider applied it; the database is opened again and
// the push resumes — the charge is found by its reference, not sent twice, and nothing is lost.
let world: SyncWorld;
let fake: OutboxFakeProvider;
beforeEach(async () => {
  world = await syncWorld();
  fake = new OutboxFakeProvider();
  world.provider.current = fake;
});
afterEach(() => world.cleanup());

const CHILD = fileURLToPath(new URL('../helpers/outboxPushChild.ts', import.meta.url));

describe('a push killed mid-call', () => {
  it('resumes after the database is opened again: the item left sending is checked, the pending ones sent, nothing twice', async () => {
    const alice = await world.ok<{ id: number }>('clients.create', aliceInput);
    await world.ok('sync.push');
    await world.ok('clients.charge', { clientId: alice.id, amount: '8' });
    await world.ok('clients.payment', { clientId: alice.id, amount: '20' });
    await world.ok('subaccounts.create', { username: 'desk' });

    const child = fork(CHILD, [world.location, world.dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.on('message', (request: { id: number; method: string; params: ProviderParams }) => {
      void (async () => {
        try {
          const reply = await fake.call(request.method, request.params);
          // Applied by the provider; the answer never leaves: the process dies first.
          if (request.method === 'addCharge') child.kill('SIGKILL');
          else child.send({ id: request.id, reply });
        } catch (error) {
          if (!(error instanceof ProviderError)) throw error;
          child.send({ id: request.id, error: { kind: error.kind, status: error.status, message: error.message, method: error.method } });
        }
      })();
    });
    expect(await exited).toBe('SIGKILL');
    const rows = await outboxRows(world.store);
    expect(rows.map((row) => `${row.method}:${row.state}`)).toEqual(['signupClient:done', 'addCharge:sending', 'addPayment:pending', 'createSubAccount:pending']);

    await world.reopen();
    if (world.store.dialect === 'postgres') {
      // A team server cannot ask whether another machine's process lives: the claim holds until its lease ends.
      expect(await world.ok<SyncStatus>('sync.push')).toMatchObject({ pending: 2, failed: 0 });
      expect((await outboxRows(world.store)).map((row) => `${row.method}:${row.state}`)).toEqual(['signupClient:done', 'addCharge:sending', 'addPayment:pending', 'createSubAccount:done']);
      world.clock.now = new Date(world.clock.now.getTime() + PUSH_LEASE_MS);
    }
    expect(await world.ok<SyncStatus>('sync.push')).toMatchObject({ pending: 0, failed: 0 });
    const client = [...fake.clients.keys()][0]!;
    expect(fake.charges.get(client)!.map((entry) => entry.amount)).toEqual(['8.00']);
    expect(fake.deposits.get(client)!.map((entry) => entry.amount)).toEqual(['20.00']);
    // The sub account is another entity: on PostgreSQL it went while the client's items waited for the lease.
    expect(fake.applied().map((call) => call.method)).toEqual(
      world.store.dialect === 'postgres' ? ['signupClient', 'addCharge', 'createSubAccount', 'addPayment'] : ['signupClient', 'addCharge', 'addPayment', 'createSubAccount'],
    );
    expect(fake.calls.map((call) => call.method)).toContain('getCharges');
  }, 120_000);
});
