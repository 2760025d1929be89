import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../main/events';
import { createHandlerTable, type HandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { renderBrandedEmail } from '../../main/services/branding/templates';
import { DEFAULT_BRANDING } from '../../main/services/branding/settings';
import { sendDueEmails } from '../../main/services/email/send';
import { ledgerDoor, moneyDoor, type NewLedgerEntry } from '../../main/services/ledger';
import { micros } from '../../main/money';
import { newEmailRow } from '../../main/services/email/outbox';
import { EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_DELAYS_MS, SEND_LEASE_MS } from '../../main/services/email/retries';
import { createEmailWorker } from '../../main/services/email/worker';
import { DEFAULT_TEMPLATES } from '../../preload/common/branding';
import type { EmailItemView } from '../../preload/schemas/email';
import type { Result } from '../../preload/result';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/** Issue 15: the low-balance e-mail (once per crossing), the outbox's retries and failures, the worker. */

let temp: TempStore;
let server: TestSmtpServer;
let now: Date;
let events: EventBus;
let table: HandlerTable;

beforeEach(async () => {
  temp = await tempStore();
  server = await startSmtpServer();
  now = new Date(FIXED_NOW);
  events = new EventBus();
  table = createHandlerTable({ store: temp.store, host: 'headless', now: () => now, events });
});
afterEach(async () => {
  await server.close();
  await temp.cleanup();
});

async function ok<T = Record<string, unknown>>(name: string, input?: unknown): Promise<T> {
  const result = (await dispatch(table, name, input, events)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const smtp = () => ({ enabled: true, host: '127.0.0.1', port: server.port, security: 'none', user: '', fromAddress: 'billing@northwind.example', fromName: 'Northwind' });
const sendDue = () => sendDueEmails(temp.store, { now: () => now });
const rows = () => temp.store.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

async function lowBalanceClient(firstName = 'Jo <b>&"', email = 'jo@client.example'): Promise<number> {
  const client = await ok<{ id: number }>('clients.create', {
    firstName,
    lastName: 'Martin',
    company: 'Acme & Sons',
    email,
    lowBalanceEmail: 'alerts@client.example',
    balanceMode: 'soft',
    lowBalanceThreshold: '10',
  });
  await ok('clients.payment', { clientId: client.id, amount: '20' });
  return client.id;
}

describe('the low-balance e-mail', () => {
  beforeEach(async () => {
    await ok('email.saveSettings', smtp());
    await ok('invoices.saveSettings', { companyName: 'Northwind Telecom', companyAddress: '', companyEmail: '', companyPhone: '', taxNumber: '', logo: null, numberPrefix: 'NW-', nextNumber: 1, paper: 'A4', paymentInstructions: '', defaultTaxes: [], issueOnCycleClose: true });
    const lowBalance = {
      subject: 'Low balance, {client.firstname}',
      body: 'Dear {client.firstname} {client.lastname} ({client.company}),\n\nYour balance is {balance}, under {threshold}.\nTop up at {interface_url}\n\n{company}',
    };
    const branding = { ...DEFAULT_BRANDING, hostName: 'portal.northwind.example', templates: { ...DEFAULT_TEMPLATES, lowBalance } };
    await temp.store.db.insertInto('settings').values({ key: 'branding', value: JSON.stringify(branding) }).execute();
  });

  it('is queued once per crossing, with the balance of the crossing, in the template the preview shows', async () => {
    const clientId = await lowBalanceClient();
    await ok('clients.charge', { clientId, amount: '15' });
    // Composed in the door's transaction: what the branding's renderer gives for the client now.
    const rendered = await renderBrandedEmail(temp.store.db, 'lowBalance', clientId, {});
    await ok('clients.charge', { clientId, amount: '1' });
    await ok('clients.charge', { clientId, amount: '1' });
    let queued = await rows();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ kind: 'low_balance', client_id: clientId, to_address: 'alerts@client.example', status: 'pending', subject: rendered.subject, text_body: rendered.text, html_body: rendered.html });
    expect(queued[0]?.text_body).toBe('Dear Jo <b>&" Martin (Acme & Sons),\n\nYour balance is $5.00, under $10.00.\nTop up at https://portal.northwind.example\n\nNorthwind Telecom');

    // Back above, then below again: a second crossing, a second e-mail.
    await ok('clients.payment', { clientId, amount: '20' });
    expect(await rows()).toHaveLength(1);
    await ok('clients.charge', { clientId, amount: '20' });
    queued = await rows();
    expect(queued).toHaveLength(2);
    expect(queued[1]?.text_body).toContain('Your balance is $3.00, under $10.00.');

    expect(await sendDue()).toMatchObject({ sent: 2 });
    const mails = await server.received(2);
    expect(mails.map((mail) => mail.to)).toEqual([['alerts@client.example'], ['alerts@client.example']]);
    const [first] = mails;
    expect(first?.parsed.subject).toBe('Low balance, Jo <b>&"');
    expect(first?.parsed.text).toContain('Dear Jo <b>&" Martin (Acme & Sons),');
    expect(first?.parsed.html).toContain('Dear Jo &lt;b&gt;&amp;&quot; Martin (Acme &amp; Sons),');
    expect(first?.parsed.html).not.toMatch(/<b>&/);
    expect(`${first?.parsed.subject} ${first?.parsed.text}`).not.toMatch(/[{}]/);
    expect(await ok<EmailItemView[]>('email.list')).toMatchObject([
      { kind: 'low_balance', status: 'sent', clientName: 'Jo <b>&" Martin (Acme & Sons)' },
      { kind: 'low_balance', status: 'sent' },
    ]);
  });

  /**
   * Two batches of call charges as an import posts them: on SQLite the door's synchronous
   * batches under the connection held; on PostgreSQL the money door's batches in the import's transaction.
   */
  async function importBatches(batches: NewLedgerEntry[][]): Promise<void> {
    const createdAt = now.toISOString();
    if (temp.store.dialect === 'sqlite') {
      const door = ledgerDoor(temp.store);
      await temp.store.exclusive(() => {
        for (const batch of batches) door.appendAccepted(batch, createdAt);
      });
      return;
    }
    const door = moneyDoor(temp.store);
    await temp.store.db.transaction().execute(async (trx) => {
      for (const batch of batches) await door.appendAccepted(trx, batch, createdAt);
    });
  }

  it("is queued by an import's call charges too (the door's batches, in the import's transaction)", async () => {
    const first = await lowBalanceClient('Alice');
    const second = await lowBalanceClient('Bob', 'bob@client.example');
    const day = (clientId: number, amount: number, occurredOn: string) => ({ clientId, kind: 'calls' as const, amount: micros(amount), description: `Calls ${occurredOn}`, occurredOn, reference: `calls:${clientId}:${occurredOn}` });
    await importBatches([
      // One batch: Alice crosses once however many days take her down; Bob stays above.
      [day(first, -6_000_000, '2026-11-20'), day(first, -6_000_000, '2026-11-21'), day(second, -1_000_000, '2026-11-21')],
      [day(first, -1_000_000, '2026-11-22'), day(second, -11_000_000, '2026-11-22')],
    ]);
    expect((await rows()).map((row) => [row.client_id, row.text_body.match(/balance is (\S+),/)?.[1]])).toEqual([
      [first, '$8.00'],
      [second, '$8.00'],
    ]);
  });

  it("goes to the client's e-mail without a low-balance address; not queued while e-mail is off", async () => {
    const clientId = await lowBalanceClient('Alice');
    await temp.store.db.updateTable('clients').set({ low_balance_email: '' }).where('id', '=', clientId).execute();
    await ok('clients.charge', { clientId, amount: '15' });
    expect((await rows()).map((row) => row.to_address)).toEqual(['jo@client.example']);

    await ok('email.saveSettings', { ...smtp(), enabled: false });
    await ok('clients.payment', { clientId, amount: '20' });
    await ok('clients.charge', { clientId, amount: '20' });
    expect(await rows()).toHaveLength(1);
    // The notice in the app is raised either way.
    expect(await ok<unknown[]>('notices.list', { clientId })).toHaveLength(2);
  });
});

describe('retries', () => {
  async function queuedInvoiceEmail(): Promise<number> {
    await ok('email.saveSettings', smtp());
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@client.example', balanceMode: 'soft' });
    await ok('clients.charge', { clientId: client.id, amount: '5' });
    const invoice = await ok<{ id: number }>('invoices.issue', { clientId: client.id, from: '2026-11-01', to: '2026-11-25' });
    return (await ok<EmailItemView>('invoices.email', { id: invoice.id })).id;
  }

  it('a refusal is kept with its words and tried again when due, by the clock given', async () => {
    const id = await queuedInvoiceEmail();
    server.refuseRecipients = { code: 451, message: '4.3.0 Mailbox busy, try later' };
    expect(await sendDue()).toMatchObject({ sent: 0, retryLater: 1 });
    const [waiting] = await ok<EmailItemView[]>('email.list');
    expect(waiting).toMatchObject({ id, status: 'pending', attempts: 1, lastError: expect.stringMatching(/refused \(RCPT TO\).*451 4\.3\.0 Mailbox busy/), nextAttemptAt: new Date(now.getTime() + EMAIL_RETRY_DELAYS_MS[0]!).toISOString() });

    // Not due yet: left alone.
    server.refuseRecipients = null;
    advance(EMAIL_RETRY_DELAYS_MS[0]! - 1);
    expect(await sendDue()).toMatchObject({ sent: 0, retryLater: 0 });
    advance(1);
    expect(await sendDue()).toMatchObject({ sent: 1 });
    await server.received(1);
    expect((await ok<EmailItemView[]>('email.list'))[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null, sentAt: now.toISOString() });
  });

  it(`is failed after ${EMAIL_MAX_ATTEMPTS} attempts, visible, and sent again when retried`, async () => {
    const id = await queuedInvoiceEmail();
    server.refuseRecipients = { code: 421, message: '4.7.0 Too many connections' };
    for (let attempt = 1; attempt <= EMAIL_MAX_ATTEMPTS; attempt += 1) {
      expect(await sendDue()).toMatchObject(attempt < EMAIL_MAX_ATTEMPTS ? { retryLater: 1 } : { failed: 1 });
      const [row] = await rows();
      if (row?.next_attempt_at) now = new Date(row.next_attempt_at);
    }
    const failed = await ok<EmailItemView[]>('email.list', { status: 'failed' });
    expect(failed).toMatchObject([{ id, status: 'failed', attempts: EMAIL_MAX_ATTEMPTS, lastError: expect.stringMatching(/421/), nextAttemptAt: null }]);
    expect(await ok('email.status')).toMatchObject({ pending: 0, failed: 1 });
    advance(24 * 3_600_000);
    expect(await sendDue()).toMatchObject({ sent: 0, failed: 0, retryLater: 0 });

    server.refuseRecipients = null;
    expect(await ok<EmailItemView>('email.retry', { id })).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: null });
    expect(await sendDue()).toMatchObject({ sent: 1 });
    expect(await ok('email.status')).toMatchObject({ pending: 0, failed: 0, sentToday: 1 });
    const retriedSent = await dispatch(table, 'email.retry', { id }, events);
    expect(retriedSent).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('`email send` (every e-mail now) leaves one another process is sending until its lease ends', async () => {
    const id = await queuedInvoiceEmail();
    const leaseEnd = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
    await temp.store.db.updateTable('email_outbox').set({ status: 'sending', attempts: 1, next_attempt_at: leaseEnd }).where('id', '=', id).execute();
    const sendAll = () => sendDueEmails(temp.store, { now: () => now, ignoreBackoff: true, recover: true });
    expect(await sendAll()).toMatchObject({ sent: 0 });
    expect((await rows())[0]).toMatchObject({ status: 'sending' });
    now = new Date(leaseEnd);
    expect(await sendAll()).toMatchObject({ sent: 1 });
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two instances sending from one outbox at once send each e-mail once', async () => {
    await ok('email.saveSettings', smtp());
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@client.example', balanceMode: 'soft' });
    const subjects = Array.from({ length: 12 }, (_, index) => `Mail ${index + 1}`);
    await temp.store.db
      .insertInto('email_outbox')
      .values(subjects.map((subject) => newEmailRow({ kind: 'low_balance', clientId: client.id, invoiceId: null, to: 'alice@client.example', subject, text: 'x', html: '<p>x</p>' }, now.toISOString())))
      .execute();
    // Each send takes a while, so the two instances' claims interleave.
    const sentBy: string[][] = [[], []];
    const slowTransport = (instance: number) => () => ({
      send: async (mail: { subject: string }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        sentBy[instance]!.push(mail.subject);
        return { response: '250 ok', messageId: `<${mail.subject}@test>` };
      },
      close: () => undefined,
    });
    const other = await temp.reopen();
    try {
      const results = await Promise.all([
        sendDueEmails(temp.store, { now: () => now, transport: slowTransport(0) }),
        sendDueEmails(other, { now: () => now, transport: slowTransport(1) }),
      ]);
      expect(results[0].sent + results[1].sent).toBe(subjects.length);
    } finally {
      await other.close();
    }
    expect([...sentBy[0]!, ...sentBy[1]!].sort()).toEqual([...subjects].sort());
    expect(sentBy[0]!.length).toBeGreaterThan(0);
    expect(sentBy[1]!.length).toBeGreaterThan(0);
    expect((await rows()).map((row) => [row.status, row.attempts])).toEqual(subjects.map(() => ['sent', 1]));
  });

  it('a claim whose lease has ended is taken back: on a team server by any pass, on SQLite when sending starts on the database', async () => {
    const id = await queuedInvoiceEmail();
    // Claimed by an instance that died just after (on PostgreSQL no instance can tell another is gone).
    await temp.store.db.updateTable('email_outbox').set({ status: 'sending', attempts: 1, next_attempt_at: new Date(now.getTime() + SEND_LEASE_MS).toISOString() }).where('id', '=', id).execute();
    expect(await sendDue()).toMatchObject({ sent: 0 });
    expect((await rows())[0]).toMatchObject({ status: 'sending' });
    advance(SEND_LEASE_MS);
    if (temp.store.dialect === 'sqlite') {
      expect(await sendDue()).toMatchObject({ sent: 0 });
      expect(await sendDueEmails(temp.store, { now: () => now, recover: true })).toMatchObject({ sent: 1 });
    } else {
      expect(await sendDue()).toMatchObject({ sent: 1 });
    }
    await server.received(1);
    expect((await rows())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('an address the server refuses for good (5xx) fails at once', async () => {
    const id = await queuedInvoiceEmail();
    server.refuseRecipients = { code: 550, message: '5.1.1 No such user' };
    expect(await sendDue()).toMatchObject({ failed: 1 });
    expect(await ok<EmailItemView[]>('email.list')).toMatchObject([{ id, status: 'failed', attempts: 1, lastError: expect.stringMatching(/550 5\.1\.1 No such user/) }]);
  });

  it('a server that is down: kept pending with why, sent once it is back', async () => {
    await queuedInvoiceEmail();
    await server.close();
    expect(await sendDue()).toMatchObject({ retryLater: 1 });
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/Could not reach the SMTP server 127\.0\.0\.1.*ECONNREFUSED/) });
    server = await startSmtpServer();
    await ok('email.saveSettings', { ...smtp(), port: server.port });
    advance(EMAIL_RETRY_DELAYS_MS[0]!);
    expect(await sendDue()).toMatchObject({ sent: 1 });
  });
});

describe('the worker', () => {
  const timers: { run: () => void; ms: number }[] = [];
  const fakeTimers = {
    setTimeout: (run: () => void, ms: number) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle: unknown) => {
      const index = timers.indexOf(handle as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  };
  beforeEach(() => {
    timers.length = 0;
  });

  it('sends after a change is announced, waits for a retry by its timer, and takes back what a dead process left mid-send', async () => {
    await ok('email.saveSettings', smtp());
    const worker = createEmailWorker({ store: temp.store, events, now: () => now, pollEveryMs: 3_600_000, log: () => undefined, ...fakeTimers });
    // Left 'sending' by a process that died a minute ago: its claim's lease still runs.
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@client.example', balanceMode: 'soft', lowBalanceThreshold: '10' });
    await ok('clients.payment', { clientId: client.id, amount: '12' });
    await temp.store.db
      .insertInto('email_outbox')
      .values({ kind: 'low_balance', client_id: client.id, invoice_id: null, to_address: 'alice@client.example', subject: 'Left mid-send', text_body: 'x', html_body: '<p>x</p>', status: 'sending', attempts: 1, next_attempt_at: new Date(now.getTime() + SEND_LEASE_MS - 60_000).toISOString(), last_error: null, created_at: now.toISOString(), sent_at: null })
      .execute();
    worker.start();
    await worker.idle();
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(server.messages).toHaveLength(0);
    // The worker wakes when the lease ends.
    expect(timers.map((timer) => timer.ms)).toEqual([SEND_LEASE_MS - 60_000]);

    // A charge crosses the threshold: the door queues, the handler door announces, the worker sends.
    await ok('clients.charge', { clientId: client.id, amount: '5' });
    await worker.idle();
    const [lowBalance] = await server.received(1);
    expect(lowBalance?.parsed.subject).toMatch(/balance is low$/);

    advance(SEND_LEASE_MS);
    timers.splice(0).forEach((timer) => timer.run());
    await worker.idle();
    const mails = await server.received(2);
    expect(mails.map((mail) => mail.parsed.subject)).toContain('Left mid-send');
    expect((await rows()).map((row) => row.status)).toEqual(['sent', 'sent']);
    await worker.stop();
  });

  it('sends nothing from a database it is not allowed to send from (the demo)', async () => {
    await ok('email.saveSettings', smtp());
    const worker = createEmailWorker({ store: temp.store, events, now: () => now, sendsFrom: () => false, pollEveryMs: 3_600_000, log: () => undefined, ...fakeTimers });
    worker.start();
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@client.example', balanceMode: 'soft', lowBalanceThreshold: '10' });
    await ok('clients.payment', { clientId: client.id, amount: '12' });
    await ok('clients.charge', { clientId: client.id, amount: '5' });
    await worker.idle();
    expect((await rows()).map((row) => row.status)).toEqual(['pending']);
    expect(server.messages).toHaveLength(0);
    await worker.stop();
  });
});
