import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Provider } from '../../main/sync/provider';
import { cliStore, type CliStore } from '../helpers/cliStore';
import { OutboxFakeProvider } from '../helpers/outboxFakeProvider';
import { aliceInput } from '../helpers/syncWorld';

// The database the command line opens with --db: a file, or (RC_TEST_STORE=postgres) the test database's URL.
let temp: CliStore;
beforeEach(async () => {
  temp = await cliStore();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

const cli = (provider: Provider | null, ...argv: string[]) => temp.cli(argv, { now: () => new Date('2026-11-25T12:00:00Z'), providerLookup: () => provider });

describe('sync status and sync push on the command line', () => {
  it('shows what waits; push exits 0 only when nothing is left pending or failed', async () => {
    const file = join(temp.dir, 'alice.json');
    writeFileSync(file, JSON.stringify(aliceInput));
    expect((await cli(null, 'client', 'create', '--file', file)).code).toBe(0);
    expect((await cli(null, 'client', 'payment', '1', '--amount', '12.5')).code).toBe(0);

    const status = await cli(null, 'sync', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ pending: 2, failed: 0, configured: false, items: [{ method: 'signupClient', state: 'pending' }, { method: 'addPayment', summary: 'Payment 12.50 for Alice Martin (Acme)' }] });
    const offline = await cli(null, 'sync', 'push');
    expect(offline.code).toBe(1);
    expect(offline.err).toContain('2 changes still pending and 0 failed: no provider is configured');

    const fake = new OutboxFakeProvider();
    fake.failNext('addPayment', { kind: 'permanent', status: 'invalid_payment' });
    const refused = await cli(fake, 'sync', 'push', '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out)).toMatchObject({ pending: 0, failed: 1, items: [{ method: 'addPayment', state: 'failed', lastError: { status: 'invalid_payment', message: 'This is not a valid Payment' } }] });
    expect((await cli(fake, 'sync', 'status')).out).toContain('invalid_payment: This is not a valid Payment');

    // Fixed at the provider, then retried (the Sync page's Retry): sent, and nothing is left.
    await temp.store.db.updateTable('outbox').set({ state: 'pending' }).where('state', '=', 'failed').execute();
    const done = await cli(fake, 'sync', 'push');
    expect(done).toMatchObject({ code: 0, err: '' });
    expect(done.out).toContain('0 pending, 0 failed; provider configured; last sync 2026-11-25T12:00:00.000Z');
    expect(fake.applied().map((call) => call.method)).toEqual(['signupClient', 'addPayment']);
  });
});
