import { textToHtml } from '../../../preload/common/branding';
import { SMTP_SECURITY_LABELS, type EmailItemView, type TestEmailResult } from '../../../preload/schemas/email';
import { AppError, fieldError, notFound } from '../../errors';
import { formatMoney, micros } from '../../money';
import { companyNameOf } from '../branding/templates';
import { readBranding } from '../branding/settings';
import { clientName, loadClient } from '../clients';
import { isoNow, type ServiceContext } from '../context';
import { getCurrency } from '../settings';
import { emailView, newEmailRow, queueEmail } from './outbox';
import { canSend, readEmailSettings, senderOf, smtpConfigOf, type StoredEmailSettings } from './settings';
import { MailSendError, nodemailerTransport, type MailTransportFactory, type SentMail } from './transport';

/** Issue 15: the e-mails the reseller sends by hand — an invoice to its client, a test. */

/** Refused (conflict) with what to do while e-mail is off or not set up. */
function requireEmailOn(settings: StoredEmailSettings): void {
  if (!settings.enabled) throw new AppError('conflict', 'E-mail is off: set up the SMTP server and turn e-mail on in Settings → E-mail, then send again');
  if (!canSend(settings)) throw new AppError('conflict', 'E-mail is not set up: enter the SMTP server and the From address in Settings → E-mail');
}

/** "Invoice NW-000100 from Northwind Telecom"; without a company name, the number alone. */
export function invoiceSubject(kind: 'invoice' | 'credit_note', number: string, company: string): string {
  const what = kind === 'credit_note' ? 'Credit note' : 'Invoice';
  return company === '' ? `${what} ${number}` : `${what} ${number} from ${company}`;
}

export interface InvoiceLetter {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  periodStart: string;
  periodEnd: string;
  /** Formatted in the account currency; null for a credit note (its PDF says what it credits). */
  amountDue: string | null;
  firstName: string;
  company: string;
}

/** The short letter the PDF travels with. Plain text; the HTML part is made from it, escaped. */
export function invoiceLetter(letter: InvoiceLetter): string {
  const what = letter.kind === 'credit_note' ? 'credit note' : 'invoice';
  const lines = [
    letter.firstName.trim() === '' ? 'Hello,' : `Hello ${letter.firstName.trim()},`,
    '',
    `Please find attached ${what} ${letter.number} of ${letter.issueDate}, for ${letter.periodStart} to ${letter.periodEnd}.`,
    ...(letter.amountDue === null ? [] : [`Amount due: ${letter.amountDue}.`]),
    '',
    'Thank you,',
    ...(letter.company === '' ? [] : [letter.company]),
  ];
  return lines.join('\n');
}

/**
 * `invoices.email`: the invoice's e-mail queued to its client (or to `to`), its PDF attached
 * when sent. Refused while e-mail is off, for a void invoice, and when there is nobody to send to.
 */
export async function queueInvoiceEmail(ctx: ServiceContext, input: { id: number; to?: string | undefined }): Promise<EmailItemView> {
  requireEmailOn(await readEmailSettings(ctx.db));
  const invoice = await ctx.db.selectFrom('invoices').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!invoice) throw notFound(`Invoice ${input.id}`);
  if (invoice.status === 'void') {
    throw new AppError('conflict', `${invoice.number_text} is void${invoice.void_reason ? ` (${invoice.void_reason})` : ''}: a void invoice is not sent to the client`);
  }
  const client = await loadClient(ctx.db, invoice.client_id);
  const to = input.to ?? client.email.trim();
  if (to === '') throw fieldError('to', `Send to: ${clientName(client)} has no e-mail address; enter the address to send to`);
  const company = await companyNameOf(ctx.db, (await readBranding(ctx.db)).settings);
  const currency = await getCurrency(ctx.db);
  const text = invoiceLetter({
    kind: invoice.kind,
    number: invoice.number_text,
    issueDate: invoice.issue_date,
    periodStart: invoice.period_start,
    periodEnd: invoice.period_end,
    amountDue: invoice.kind === 'invoice' ? formatMoney(micros(invoice.total_due_micros), currency) : null,
    firstName: client.first_name,
    company,
  });
  const id = await queueEmail(
    ctx.db,
    { kind: 'invoice', clientId: client.id, invoiceId: invoice.id, to, subject: invoiceSubject(invoice.kind, invoice.number_text, company), text, html: textToHtml(text) },
    isoNow(ctx),
  );
  return emailView(ctx.db, id);
}

/**
 * `email.test`: a message sent now with the saved settings, not through the outbox, so the
 * reseller sees the server's answer or its refusal at once. Works before e-mail is turned on
 * (set up, test, then turn on). A test that went is kept in the history.
 */
export async function sendTestEmail(ctx: ServiceContext, input: { to: string }, transport: MailTransportFactory = nodemailerTransport): Promise<TestEmailResult> {
  const settings = await readEmailSettings(ctx.db);
  if (!canSend(settings)) throw new AppError('conflict', 'E-mail is not set up: enter the SMTP server and the From address, save, then send a test');
  const config = smtpConfigOf(settings, ctx.secrets);
  const subject = 'Test e-mail from Reseller Console';
  const text = [
    'Hello,',
    '',
    `This test was sent by Reseller Console through ${config.host}:${config.port} (${SMTP_SECURITY_LABELS[config.security]}).`,
    'If you can read it, e-mail works: low-balance notices and invoices will go out this way.',
  ].join('\n');
  const connection = transport(config);
  let sent: SentMail;
  try {
    sent = await connection.send({ from: senderOf(settings), to: input.to, subject, text, html: textToHtml(text) });
  } catch (error) {
    if (error instanceof MailSendError) throw new AppError(error.authentication ? 'unauthorized' : 'conflict', error.message);
    throw new AppError('conflict', `The test e-mail was not sent: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    connection.close();
  }
  const at = isoNow(ctx);
  await ctx.db
    .insertInto('email_outbox')
    .values({ ...newEmailRow({ kind: 'test', clientId: null, invoiceId: null, to: input.to, subject, text, html: textToHtml(text) }, at), status: 'sent', attempts: 1, sent_at: at })
    .execute();
  return { to: input.to, response: sent.response, messageId: sent.messageId };
}
