import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Page } from '@playwright/test';
import type { EmailItemView, EmailSettingsView } from '../../preload/schemas/email';
import type { InvoiceView } from '../../preload/schemas/invoices';
import { expect, expectAccessible, test } from './fixtures';
import { callApi, fieldErrorOf, reviewScreenshot, todayIso } from './pages/ClientUi';
import { EmailSettingsPanel } from './pages/EmailSettingsPanel';
import { InvoiceViewPage } from './pages/InvoicesPages';

// Issue 15, e-mail: the reseller points the console at their mail server, sends a test
// e-mail and sees the server's answer; bad settings are refused field by field and change
// nothing; an invoice is e-mailed to its client with its PDF attached through the outbox;
// with the server down the failure shows (the server's words, the tries, the next try) and
// Retry sends it once the server is back. The mail server is a real SMTP server in this
// process (smtp-server), and what it receives is parsed (mailparser) and checked.

const SMTP_USER = 'reseller';
const SMTP_PASSWORD = 'smtp-secret-1';
const FROM = { address: 'billing@northwind.example', name: 'Northwind Voice' };

interface TestSmtpServer {
  port: number;
  /** Every message received, parsed, in order. */
  messages: ParsedMail[];
  stop(): Promise<void>;
  /** Listens again on the same port (after stop). */
  start(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (no TLS; a login optional, checked when given). */
async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  let port = 0;
  let server: SMTPServer | null = null;
  const listen = async (): Promise<void> => {
    const next = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1_000,
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
        else callback(new Error('Invalid user name or password'));
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              messages.push(mail);
              callback();
            },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', () => resolve()));
    port = (next.server.address() as AddressInfo).port;
    server = next;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    messages,
    start: listen,
    stop: () =>
      new Promise<void>((resolve) => {
        const running = server;
        server = null;
        if (running) running.close(() => resolve());
        else resolve();
      }),
  };
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address ?? ''));

const messagesTo = (smtp: TestSmtpServer, address: string): ParsedMail[] => smtp.messages.filter((mail) => addressesOf(mail.to).includes(address));

function smtpSettings(smtp: TestSmtpServer) {
  return { enabled: true, host: '127.0.0.1', port: String(smtp.port), security: 'none', user: SMTP_USER, password: SMTP_PASSWORD, clearPassword: false, fromAddress: FROM.address, fromName: FROM.name };
}

/** A client with an e-mail, a charge, and an invoice issued for this month so far. */
async function clientWithInvoice(page: Page): Promise<InvoiceView> {
  const client = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.charge', { clientId: client.id, amount: '25.00', description: 'Set-up work' });
  const today = todayIso();
  return callApi<InvoiceView>(page, 'invoices.issue', { clientId: client.id, from: `${today.slice(0, 8)}01`, to: today });
}

test('SMTP settings: saved (password never shown), a test e-mail arrives with the server\'s answer shown, bad input changes nothing', async ({ page, appUrl, shell }) => {
  const smtp = await startSmtpServer();
  try {
    const email = new EmailSettingsPanel(page, appUrl);
    await page.setViewportSize({ width: 1024, height: 900 });
    await email.goto();
    await expect(email.serverCard).toContainText('Low-balance notices');
    await expect(email.serverCard.getByRole('link', { name: 'Branding → Text and messages' })).toBeVisible();

    await email.fill({ enabled: true, host: '127.0.0.1', port: String(smtp.port), security: 'None', user: SMTP_USER, password: SMTP_PASSWORD, fromAddress: FROM.address, fromName: FROM.name });
    await email.save();
    await expect(shell.toast('E-mail settings saved')).toBeVisible();
    await expect(email.password).toHaveValue('');
    await expect(email.form.getByText('Saved, encrypted')).toBeVisible();
    await expect(email.forgetPassword).not.toBeChecked();

    // The test goes to the from address unless another is typed; the server's answer is shown.
    await expect(email.testTo).toHaveValue(FROM.address);
    await email.sendTest('owner@northwind.example');
    await expect(email.testResult).toContainText('Test e-mail accepted by the server');
    await expect(email.testResponse).toContainText('250');
    await expect.poll(() => messagesTo(smtp, 'owner@northwind.example').length).toBe(1);
    const [test] = messagesTo(smtp, 'owner@northwind.example');
    expect(test!.from?.value[0]).toMatchObject({ address: FROM.address, name: FROM.name });
    expect(test!.subject).toMatch(/test/i);
    // The message ID the window shows is the one that arrived.
    expect(test!.messageId).toBeTruthy();
    await expect(email.testResult).toContainText(test!.messageId!);
    await expectAccessible(page);
    await reviewScreenshot(page, 'settings-email');

    // Bad input: each problem at its field and in the summary; nothing saved.
    const saved = await callApi<EmailSettingsView>(page, 'email.settings');
    await email.fill({ port: '70000', fromAddress: 'not-an-address' });
    await email.save();
    await expect(email.errorSummary).toBeVisible();
    await expect(fieldErrorOf(email.port)).toContainText('Port');
    await expect(fieldErrorOf(email.fromAddress)).toContainText('From address');
    await expect(email.errorSummary).toContainText('Port');
    await expect(email.errorSummary).toContainText('From address');
    await expectAccessible(page);
    await reviewScreenshot(page, 'settings-email-errors');
    // Enabled without a server.
    await email.fill({ port: String(smtp.port), fromAddress: FROM.address, host: '' });
    await email.save();
    await expect(fieldErrorOf(email.host)).toContainText('SMTP server is required');
    await expect(fieldErrorOf(email.port)).toHaveCount(0);
    expect(await callApi<EmailSettingsView>(page, 'email.settings')).toEqual(saved);
    await email.errorSummary.getByRole('button', { name: /SMTP server/ }).click();
    await expect(email.host).toBeFocused();
    // Unsaved edits are not dropped silently: leaving asks first.
    await shell.navigateTo('Dashboard');
    const ask = page.getByRole('alertdialog').filter({ hasText: 'Leave without saving?' });
    await expect(ask).toContainText('the e-mail settings');
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await expect(email.host).toHaveValue('');
    await email.form.getByRole('button', { name: 'Discard changes' }).click();
    await page.reload();
    await email.form.waitFor();
    await expect(email.host).toHaveValue('127.0.0.1');
    await expect(email.port).toHaveValue(String(smtp.port));
    await expect(email.fromAddress).toHaveValue(FROM.address);
    await expect(email.enabled).toBeChecked();
    await expect(email.security('None')).toBeChecked();

    // A test with the server gone says why, in the server's (or the network's) words.
    await smtp.stop();
    await email.sendTest();
    await expect(email.testResult).toContainText('The test e-mail was not sent');

    // "Forget the saved password": not while a user name logs in with it; without one it is saved.
    await email.forgetPassword.check();
    await expect(email.password).toHaveValue('');
    await email.save();
    await expect(fieldErrorOf(email.password)).toContainText('Password');
    await email.fill({ user: '' });
    await email.save();
    // Saved: the box goes (nothing saved to forget) and the hint says none is kept.
    await expect(email.forgetPassword).toHaveCount(0);
    await expect(email.form.getByText('Only if your server asks for a login')).toBeVisible();
    expect((await callApi<EmailSettingsView>(page, 'email.settings')).passwordSaved).toBe(false);
  } finally {
    await smtp.stop();
  }
});

test('an invoice e-mailed from its page arrives with its PDF; with the server down the outbox shows the failure, Retry sends it once it is back', async ({ page, appUrl, shell }) => {
  test.setTimeout(180_000);
  const smtp = await startSmtpServer();
  try {
    const email = new EmailSettingsPanel(page, appUrl);
    const view = new InvoiceViewPage(page, appUrl);
    await page.setViewportSize({ width: 1024, height: 900 });
    await shell.open('/');
    await callApi(page, 'email.saveSettings', smtpSettings(smtp));
    const invoice = await clientWithInvoice(page);

    await view.open(`/invoices/${invoice.id}`);
    await expect(view.number).toHaveText(invoice.number);
    const emailButton = page.getByRole('main').getByRole('button', { name: 'E-mail invoice' });
    await emailButton.click();
    const recipient = view.dialog.getByLabel('Send to');
    await expect(recipient).toHaveValue('alice@example.com');
    await expectAccessible(page);
    // A bad address: said at the field, nothing queued.
    await recipient.fill('not-an-address');
    await view.dialog.getByRole('button', { name: 'Queue e-mail' }).click();
    await expect(fieldErrorOf(recipient)).toBeVisible();
    expect(await callApi<EmailItemView[]>(page, 'email.list', { status: 'all', limit: 10 })).toEqual([]);
    await recipient.fill('alice@example.com');
    await view.dialog.getByRole('button', { name: 'Queue e-mail' }).click();
    await view.dialog.waitFor({ state: 'detached' });
    await expect(shell.toast('Invoice e-mail queued')).toBeVisible();

    // The worker sends it: it arrives with the invoice's PDF, and the page says it was sent.
    await expect.poll(() => messagesTo(smtp, 'alice@example.com').length).toBe(1);
    const [sent] = messagesTo(smtp, 'alice@example.com');
    expect(sent!.from?.value[0]?.address).toBe(FROM.address);
    expect(sent!.subject).toContain(invoice.number);
    const pdf = sent!.attachments.find((attachment) => attachment.contentType === 'application/pdf');
    expect(pdf, 'a PDF attached').toBeDefined();
    expect(pdf!.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const invoiceEmails = page.getByRole('region', { name: 'E-mails', exact: true });
    await expect(invoiceEmails.getByTestId('invoice-email').filter({ hasText: 'alice@example.com' })).toContainText('Sent');

    // The server goes down: the next e-mail fails, and the failure shows with the server's words.
    await smtp.stop();
    await emailButton.click();
    await recipient.fill('accounts@alice.example');
    await view.dialog.getByRole('button', { name: 'Queue e-mail' }).click();
    await view.dialog.waitFor({ state: 'detached' });
    await expect(invoiceEmails.getByTestId('invoice-email').filter({ hasText: 'accounts@alice.example' })).toContainText('Retrying');
    await expectAccessible(page);
    await reviewScreenshot(page, 'invoice-emails');
    // One more, discarded from the outbox below.
    await emailButton.click();
    await recipient.fill('old@alice.example');
    await view.dialog.getByRole('button', { name: 'Queue e-mail' }).click();
    await view.dialog.waitFor({ state: 'detached' });

    await email.goto();
    const failing = email.outboxRows.filter({ hasText: 'accounts@alice.example' });
    await expect(failing).toContainText('Retrying');
    await expect(failing.locator('.email-outbox__error')).not.toBeEmpty();
    await expect(failing).toContainText('Next try');
    await expect(failing.getByRole('cell').nth(3)).toHaveText(/^[1-9]\d*$/);
    const stale = email.outboxRows.filter({ hasText: 'old@alice.example' });
    await expect(stale).toContainText('Retrying');
    await expect(email.outboxStatus).toContainText('2 waiting');
    await expectAccessible(page);
    await reviewScreenshot(page, 'settings-email-outbox-failure');

    // Discard asks first; confirmed, the e-mail is gone.
    await email.discard(stale);
    await expect(shell.toast('E-mail discarded')).toBeVisible();
    await expect(stale).toHaveCount(0);

    // The server is back: Retry sends it now (not at its next try).
    await smtp.start();
    await email.retry(failing);
    await expect.poll(() => messagesTo(smtp, 'accounts@alice.example').length).toBe(1);
    await expect(failing).toHaveCount(0);
    await email.showSent.check();
    await expect(email.outboxRows.filter({ hasText: 'accounts@alice.example' })).toContainText('Sent');
    expect(messagesTo(smtp, 'old@alice.example')).toEqual([]);
  } finally {
    await smtp.stop();
  }
});

test('a client crossing its low-balance threshold gets one notice per crossing, with the template, listed in the outbox', async ({ page, appUrl, shell }) => {
  const smtp = await startSmtpServer();
  try {
    const email = new EmailSettingsPanel(page, appUrl);
    await shell.open('/');
    await callApi(page, 'email.saveSettings', smtpSettings(smtp));
    const bob = await callApi<{ id: number }>(page, 'clients.create', {
      firstName: 'Bob',
      lastName: 'Stone',
      email: 'bob@example.com',
      lowBalanceEmail: 'alerts@bob.example',
      lowBalanceThreshold: '10.00',
      balanceMode: 'soft',
      openingPayment: '20.00',
    });
    const notices = async (): Promise<EmailItemView[]> => (await callApi<EmailItemView[]>(page, 'email.list', { status: 'all', limit: 50 })).filter((item) => item.kind === 'low_balance');

    // 20 → 5: below 10, one notice, to the low-balance address; 5 → 4: still below, none more.
    await callApi(page, 'clients.charge', { clientId: bob.id, amount: '15.00' });
    await callApi(page, 'clients.charge', { clientId: bob.id, amount: '1.00' });
    expect(await notices()).toHaveLength(1);
    await expect.poll(() => messagesTo(smtp, 'alerts@bob.example').length).toBe(1);
    const [notice] = messagesTo(smtp, 'alerts@bob.example');
    expect(notice!.subject).toMatch(/balance is low/);
    expect(notice!.text).toContain('Hello Bob');
    expect(notice!.text).toContain('$5.00');
    expect(notice!.text).toContain('$10.00');

    // A payment lifts it above; the next fall is a new crossing, a new notice.
    await callApi(page, 'clients.payment', { clientId: bob.id, amount: '20.00' });
    await callApi(page, 'clients.charge', { clientId: bob.id, amount: '20.00' });
    expect(await notices()).toHaveLength(2);
    await expect.poll(() => messagesTo(smtp, 'alerts@bob.example').length).toBe(2);

    await email.goto();
    await email.showSent.check();
    await expect(email.outboxRows.filter({ hasText: 'Low-balance notice' })).toHaveCount(2);
    await expect(email.outboxRows.filter({ hasText: 'alerts@bob.example' }).first()).toContainText('Sent');
  } finally {
    await smtp.stop();
  }
});
