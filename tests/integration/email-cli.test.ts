import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlerTable, dispatch } from '../../main/handlers/index';
import { cliStore, type CliStore } from '../helpers/cliStore';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';

/** Issue 15: `email test`, `email send` and `email list` on the command line (issue 16: on either store). */

const NOW = new Date('2026-11-25T12:00:00Z');
let temp: CliStore;
let server: TestSmtpServer;
beforeEach(async () => {
  temp = await cliStore();
  server = await startSmtpServer();
});
afterEach(async () => {
  await server.close();
  vi.unstubAllEnvs();
  await temp.cleanup();
});

const cli = (...argv: string[]) => temp.cli(argv, { now: () => NOW });

/** E-mail set up (there is no settings command: the window saves them) and one low-balance e-mail queued. */
async function setUp(): Promise<void> {
  // The window's table on the same database (another connection, as the app beside the command line).
  const store = await temp.reopen();
  const table = createHandlerTable({ store, host: 'headless', now: () => NOW });
  const ok = async (name: string, input: unknown): Promise<{ id: number }> => {
    const result = await dispatch(table, name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { id: number };
  };
  await ok('email.saveSettings', { enabled: true, host: '127.0.0.1', port: server.port, security: 'none', user: '', fromAddress: 'billing@northwind.example', fromName: 'Northwind' });
  const client = await ok('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@client.example', balanceMode: 'soft', lowBalanceThreshold: '10' });
  await ok('clients.payment', { clientId: client.id, amount: '20' });
  await ok('clients.charge', { clientId: client.id, amount: '15' });
  await store.close();
}

describe('email on the command line', () => {
  it('lists what waits, sends it, and exits 0 only when nothing is left', async () => {
    await setUp();
    const listed = await cli('email', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ configured: true, pending: 1, failed: 0, items: [{ kind: 'low_balance', status: 'pending', to: 'alice@client.example' }] });

    server.refuseRecipients = { code: 451, message: '4.3.0 Try again later' };
    const refused = await cli('email', 'send');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Sent 0, failed 0, to retry 1.');
    expect(refused.out).toMatch(/pending\s+low_balance\s+alice@client\.example .*451 4\.3\.0 Try again later/);
    expect(refused.err).toContain('1 e-mails still pending and 0 failed');

    // `email send` does not wait for the retry's time.
    server.refuseRecipients = null;
    const sent = await cli('email', 'send', '--json');
    expect(sent).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(sent.out)).toMatchObject({ sent: 1, pending: 0, failed: 0, sentToday: 1, items: [] });
    expect((await server.received(1))[0]?.to).toEqual(['alice@client.example']);

    expect((await cli('email', 'list', '--status', 'sent')).out).toMatch(/#1\s+sent\s+low_balance\s+alice@client\.example "Your balance is low" sent 2026-11-25T12:00:00\.000Z/);
    expect(await cli('email', 'list', '--status', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('--status must be one of') });
  });

  it('sends a test e-mail, and says why when it cannot', async () => {
    expect(await cli('email', 'test')).toMatchObject({ code: 1, err: expect.stringContaining('email test needs --to ADDRESS') });
    expect(await cli('email', 'test', '--to', 'me@northwind.example')).toMatchObject({ code: 1, err: expect.stringContaining('E-mail is not set up') });
    await setUp();
    const test = await cli('email', 'test', '--to', 'me@northwind.example');
    expect(test.code).toBe(0);
    expect(test.out).toMatch(/^Sent to me@northwind\.example: 250/);
    expect((await server.received(1))[0]?.parsed.subject).toBe('Test e-mail from Reseller Console');
  });
});
