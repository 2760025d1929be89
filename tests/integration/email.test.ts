import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailHandlers } from '../../main/handlers/email';
import { createContext } from '../../main/services/context';
import { sendDueEmails } from '../../main/services/email/send';
import { invoicePdf } from '../../main/services/invoices/files';
import type { EmailItemView, EmailSettingsView, TestEmailResult } from '../../preload/schemas/email';
import type { InvoiceView } from '../../preload/schemas/invoices';
import { channelCaller } from '../helpers/channels';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { tableNames } from '../helpers/schemaInfo';

/** Issue 15: SMTP settings, the test e-mail and the invoice e-mail, against a real SMTP server on 127.0.0.1. */

let temp: TempStore;
let server: TestSmtpServer;
let serverOpen: boolean;

beforeEach(async () => {
  temp = await tempStore();
  server = await startSmtpServer({ users: { mailer: 'Sm7p-S3cret!' } });
  serverOpen = true;
});
afterEach(async () => {
  if (serverOpen) await server.close();
  await temp.cleanup();
});

const { call, ok } = channelCaller(() => temp.table);

const smtp = () => ({
  enabled: true,
  host: '127.0.0.1',
  port: server.port,
  security: 'none',
  user: 'mailer',
  password: 'Sm7p-S3cret!',
  fromAddress: 'billing@northwind.example',
  fromName: 'Northwind Billing',
});

const invoiceSettings = {
  companyName: 'Northwind <Telecom> & Co',
  companyAddress: '10 Main Street',
  companyEmail: 'billing@northwind.example',
  companyPhone: '',
  taxNumber: '',
  logo: null,
  numberPrefix: 'NW-',
  nextNumber: 100,
  paper: 'A4',
  paymentInstructions: '',
  defaultTaxes: [],
  issueOnCycleClose: true,
};

/** Every value of every row of every table, as text (bytes as bytes): what a dump of the database holds, on either store. */
async function dump(): Promise<string> {
  const { db, dialect } = temp.store;
  const values: string[] = [];
  for (const table of await tableNames(db as unknown as Kysely<unknown>, dialect)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    for (const row of rows) for (const value of Object.values(row)) values.push(Buffer.isBuffer(value) ? value.toString('latin1') : String(value));
  }
  return values.join('\n');
}

/**
 * How the store runs the invoice page's query (outbox.ts listEmails by invoiceId). PostgreSQL
 * chooses by statistics, which autovacuum may gather at any moment of the test: gathered now,
 * so the plan is the same every run, and with sequential scans priced out (on a test's few
 * hundred rows one costs less) the plan shows the index serves the query, its order included.
 */
async function invoiceEmailsPlan(invoiceId: number): Promise<string> {
  const query = sql`select id from email_outbox where invoice_id = ${invoiceId} order by id desc limit 100`;
  if (temp.store.dialect === 'sqlite') {
    const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(temp.store.db);
    return rows.map((step) => step.detail).join(' | ');
  }
  return temp.store.db.transaction().execute(async (trx) => {
    await sql`analyze email_outbox`.execute(trx);
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
    return rows.map((step) => step['QUERY PLAN'].trim()).join(' | ');
  });
}

async function settingsRow(): Promise<string | undefined> {
  return (await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'email').executeTakeFirst())?.value;
}

describe('SMTP settings', () => {
  it('seal the password (not in the database dump), never return it, keep it when none is given, forget it when asked', async () => {
    const saved = await ok<EmailSettingsView>('email.saveSettings', smtp());
    expect(saved).toEqual({ enabled: true, host: '127.0.0.1', port: server.port, security: 'none', user: 'mailer', passwordSaved: true, fromAddress: 'billing@northwind.example', fromName: 'Northwind Billing' });
    expect(JSON.stringify(await ok('email.settings'))).not.toContain('Sm7p');
    expect(await settingsRow()).toMatch(/"sealedPassword":"rcs1:/);
    const dumped = await dump();
    // The dump holds the settings (what a plain password would be saved with), never the password.
    expect(dumped).toContain('"user":"mailer"');
    expect(dumped).not.toContain('Sm7p-S3cret!');

    // No password given: the saved one stays, and the login works with it.
    const { password: _omitted, ...withoutPassword } = smtp();
    void _omitted;
    expect(await ok<EmailSettingsView>('email.saveSettings', { ...withoutPassword, password: '' })).toMatchObject({ passwordSaved: true });
    await ok<TestEmailResult>('email.test', { to: 'me@northwind.example' });
    const [mail] = await server.received(1);
    expect(mail?.user).toBe('mailer');

    // A server without login: the password forgotten.
    expect(await ok<EmailSettingsView>('email.saveSettings', { ...withoutPassword, user: '', clearPassword: true })).toMatchObject({ passwordSaved: false, user: '' });
    expect(await settingsRow()).toContain('"sealedPassword":null');
  });

  it('refuse bad input with a field error and change nothing', async () => {
    await ok('email.saveSettings', smtp());
    const before = await settingsRow();
    const cases: [Record<string, unknown>, string][] = [
      [{ port: 'abc' }, 'port'],
      [{ port: 70000 }, 'port'],
      [{ host: '' }, 'host'],
      [{ host: 'smtp example.com' }, 'host'],
      [{ fromAddress: 'not an address' }, 'fromAddress'],
      [{ fromAddress: '' }, 'fromAddress'],
      [{ security: 'ssl' }, 'security'],
      [{ host: 'smtp.example.com', security: 'none' }, 'security'],
      [{ clearPassword: true }, 'password'],
      [{ user: 'someone-else', password: '' }, 'password'],
      [{ user: '', password: 'x' }, 'user'],
      [{ extra: 1 }, ''],
    ];
    for (const [change, path] of cases) {
      const result = await call('email.saveSettings', { ...smtp(), ...change });
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok && path !== '') expect(result.error.issues?.map((issue) => issue.path), JSON.stringify(change)).toContain(path);
      expect(await settingsRow()).toBe(before);
    }
  });
});

describe('the test e-mail', () => {
  it('is sent now with the right From, To and Subject, and the server answer comes back', async () => {
    await ok('email.saveSettings', smtp());
    const result = await ok<TestEmailResult>('email.test', { to: 'me@northwind.example' });
    const [mail] = await server.received(1);
    expect(mail?.to).toEqual(['me@northwind.example']);
    expect(mail?.from).toBe('billing@northwind.example');
    expect(mail?.parsed.from?.value).toEqual([{ address: 'billing@northwind.example', name: 'Northwind Billing' }]);
    expect(mail?.parsed.subject).toBe('Test e-mail from Reseller Console');
    expect(mail?.parsed.text).toContain(`127.0.0.1:${server.port}`);
    expect(result).toMatchObject({ to: 'me@northwind.example', response: expect.stringMatching(/^250/) });
    expect(mail?.parsed.messageId).toBe(result.messageId);
    // Kept in the history, sent.
    expect(await ok<EmailItemView[]>('email.list')).toMatchObject([{ kind: 'test', status: 'sent', to: 'me@northwind.example', sentAt: FIXED_NOW.toISOString() }]);
  });

  it("a refused login and an unreachable server give the server's words, and nothing is queued", async () => {
    await ok('email.saveSettings', { ...smtp(), password: 'wrong' });
    const refused = await call('email.test', { to: 'me@northwind.example' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/refused the login.*535.*Authentication credentials invalid/) } });
    expect(server.refusedLogins).toEqual(['mailer']);
    await server.close();
    serverOpen = false;
    const unreachable = await call('email.test', { to: 'me@northwind.example' });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/127\.0\.0\.1.*ECONNREFUSED/) } });
    expect(await ok('email.list')).toEqual([]);
  });

  it('is refused until a server and a From address are saved', async () => {
    expect(await call('email.test', { to: 'me@northwind.example' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/not set up/) } });
    expect(await call('email.test', { to: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'to' }] } });
  });
});

describe('an invoice by e-mail', () => {
  async function issuedInvoice(firstName = 'Jo <b>&"'): Promise<InvoiceView> {
    await ok('invoices.saveSettings', invoiceSettings);
    const client = await ok<{ id: number }>('clients.create', { firstName, lastName: 'Martin', email: 'jo@client.example', balanceMode: 'soft' });
    await ok('clients.charge', { clientId: client.id, amount: '12.50', description: 'Porting fee' });
    return ok<InvoiceView>('invoices.issue', { clientId: client.id, from: '2026-11-01', to: '2026-11-25' });
  }

  it('arrives with its PDF attached, the words filled and the HTML escaped', async () => {
    const invoice = await issuedInvoice();
    expect(await call('invoices.email', { id: invoice.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/E-mail is off/) } });
    await ok('email.saveSettings', smtp());
    const queued = await ok<EmailItemView>('invoices.email', { id: invoice.id });
    expect(queued).toMatchObject({ kind: 'invoice', status: 'pending', invoiceId: invoice.id, to: 'jo@client.example', clientName: 'Jo <b>&" Martin', subject: 'Invoice NW-000100 from Northwind <Telecom> & Co', attempts: 0 });
    expect(server.messages).toEqual([]);

    const result = await sendDueEmails(temp.store, { now: () => FIXED_NOW });
    expect(result).toMatchObject({ configured: true, sent: 1, failed: 0, retryLater: 0 });
    const [mail] = await server.received(1);
    const parsed = mail!.parsed;
    expect(mail?.to).toEqual(['jo@client.example']);
    expect(parsed.subject).toBe('Invoice NW-000100 from Northwind <Telecom> & Co');
    expect(parsed.text).toContain('Hello Jo <b>&",');
    expect(parsed.text).toContain('Please find attached invoice NW-000100 of 2026-11-25, for 2026-11-01 to 2026-11-25.');
    expect(parsed.text).toContain('Amount due: $12.50.');
    expect(parsed.text).not.toMatch(/[{}]/);
    expect(parsed.html).toContain('Hello Jo &lt;b&gt;&amp;&quot;,');
    expect(parsed.html).toContain('Northwind &lt;Telecom&gt; &amp; Co');
    expect(parsed.html).not.toContain('<b>&');
    expect(parsed.attachments).toHaveLength(1);
    const [pdf] = parsed.attachments;
    const expected = await invoicePdf(temp.store.db, { id: invoice.id });
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toBe(expected.fileName);
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf?.content.equals(expected.bytes)).toBe(true);
    expect(await ok<EmailItemView[]>('email.list')).toMatchObject([{ id: queued.id, status: 'sent', attempts: 1, lastError: null, sentAt: FIXED_NOW.toISOString() }]);
    expect(await ok('email.status')).toEqual({ configured: true, pending: 0, failed: 0, sentToday: 1 });
  });

  it('goes to another address when given; refused for a void invoice and for a client without an address', async () => {
    await ok('email.saveSettings', smtp());
    const invoice = await issuedInvoice('Alice');
    expect(await ok<EmailItemView>('invoices.email', { id: invoice.id, to: 'accounts@client.example' })).toMatchObject({ to: 'accounts@client.example' });
    expect(await call('invoices.email', { id: invoice.id, to: 'not-an-address' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'to' }] } });
    expect(await call('invoices.email', { id: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // A client pulled from the provider may have no e-mail.
    await temp.store.db.updateTable('clients').set({ email: '' }).where('id', '=', invoice.clientId).execute();
    expect(await call('invoices.email', { id: invoice.id })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'to', message: expect.stringMatching(/has no e-mail address/) }] } });

    await ok('invoices.void', { id: invoice.id, reason: 'Wrong period' });
    expect(await call('invoices.email', { id: invoice.id, to: 'accounts@client.example' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/NW-000100 is void \(Wrong period\)/) } });
    expect(await ok<EmailItemView[]>('email.list')).toHaveLength(1);
  });

  it("lists one invoice's e-mails however many others the outbox holds, by its index", async () => {
    await ok('email.saveSettings', smtp());
    const first = await issuedInvoice('Alice');
    const mine = await ok<EmailItemView>('invoices.email', { id: first.id });
    const other = await ok<{ id: number }>('clients.create', { firstName: 'Bo', lastName: 'Tran', email: 'bo@client.example', balanceMode: 'soft' });
    await ok('clients.charge', { clientId: other.id, amount: '3.00', description: 'Porting fee' });
    const second = await ok<InvoiceView>('invoices.issue', { clientId: other.id, from: '2026-11-01', to: '2026-11-25' });
    for (let index = 0; index < 120; index += 1) await ok('invoices.email', { id: second.id });
    expect((await ok<EmailItemView[]>('email.list')).some((item) => item.id === mine.id)).toBe(false);
    expect(await ok<EmailItemView[]>('email.list', { invoiceId: first.id })).toMatchObject([{ id: mine.id, invoiceId: first.id }]);
    expect(await ok<EmailItemView[]>('email.list', { invoiceId: second.id, limit: 500 })).toHaveLength(120);
    const plan = await invoiceEmailsPlan(first.id);
    expect(plan).toMatch(temp.store.dialect === 'sqlite' ? /USING (COVERING )?INDEX email_outbox_by_invoice/ : /Index (Only )?Scan Backward using email_outbox_by_invoice/);
    expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
  });

  it('is not sent when the invoice was voided while its e-mail waited', async () => {
    await ok('email.saveSettings', smtp());
    const invoice = await issuedInvoice('Alice');
    const queued = await ok<EmailItemView>('invoices.email', { id: invoice.id });
    await ok('invoices.void', { id: invoice.id, reason: 'Wrong client' });
    expect(await sendDueEmails(temp.store, { now: () => FIXED_NOW })).toMatchObject({ sent: 0, failed: 1 });
    expect(server.messages).toEqual([]);
    expect(await ok<EmailItemView[]>('email.list')).toMatchObject([{ id: queued.id, status: 'failed', lastError: expect.stringMatching(/NW-000100 was voided after this e-mail was queued/) }]);
  });

  it('waits, not lost, while e-mail is off; discarded before it goes', async () => {
    await ok('email.saveSettings', smtp());
    const invoice = await issuedInvoice('Alice');
    const queued = await ok<EmailItemView>('invoices.email', { id: invoice.id });
    await ok('email.saveSettings', { ...smtp(), enabled: false, password: '' });
    expect(await sendDueEmails(temp.store, { now: () => FIXED_NOW })).toMatchObject({ configured: false, sent: 0, problem: expect.stringMatching(/off/) });
    expect(await ok('email.status')).toMatchObject({ configured: false, pending: 1 });
    expect(await ok<EmailItemView>('email.discard', { id: queued.id })).toMatchObject({ id: queued.id, status: 'pending' });
    expect(await ok('email.list')).toEqual([]);
    expect(await call('email.discard', { id: queued.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('a handler table with its own transport', () => {
  it('sends the test e-mail through the factory it was given (a TLS server with a self-signed certificate, a relay)', async () => {
    const seen: string[] = [];
    const handlers = emailHandlers(createContext(temp.store, () => FIXED_NOW), {
      transport: (config) => ({
        send: (mail) => {
          seen.push(`${config.host}:${config.port} ${config.security} ${config.user}/${config.password} → ${mail.to}: ${mail.subject}`);
          return Promise.resolve({ response: '250 queued', messageId: '<x@test>' });
        },
        close: () => undefined,
      }),
    });
    await ok('email.saveSettings', { ...smtp(), host: 'smtp.example.com', port: 465, security: 'tls' });
    expect(await handlers['email.test']({ to: 'me@northwind.example' })).toEqual({ to: 'me@northwind.example', response: '250 queued', messageId: '<x@test>' });
    expect(seen).toEqual(['smtp.example.com:465 tls mailer/Sm7p-S3cret! → me@northwind.example: Test e-mail from Reseller Console']);
  });
});
