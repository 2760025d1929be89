import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { queueInvoiceEmail, sendTestEmail } from '../services/email/compose';
import { discardEmail, emailStatus, listEmails, retryEmail } from '../services/email/outbox';
import { emailSettingsView, saveEmailSettings } from '../services/email/settings';
import { nodemailerTransport, type MailTransportFactory } from '../services/email/transport';
import type { PartialHandlerTable } from './table';

export interface EmailHandlerOptions {
  /** How `email.test` reaches the server (tests: a server with a self-signed certificate); nodemailer's SMTP when not given. */
  transport?: MailTransportFactory;
  /** The demo's database: its e-mails are never sent (the worker sends from the reseller's own file only), so none is queued. */
  demo?: boolean;
}

const demoRefusal = (): Promise<never> =>
  Promise.reject(new AppError('conflict', "This is the demo: its clients are made up and its e-mails are never sent. Open your own database to e-mail invoices"));

/** Issue 15: SMTP settings, the e-mail outbox (sent by the e-mail worker), invoices by e-mail. */
export function emailHandlers(ctx: ServiceContext, options: EmailHandlerOptions = {}) {
  const transport = options.transport ?? nodemailerTransport;
  return {
    'email.settings': () => emailSettingsView(ctx),
    'email.saveSettings': (input) => saveEmailSettings(ctx, input),
    'email.test': (input) => sendTestEmail(ctx, input, transport),
    'email.status': () => emailStatus(ctx.db, ctx.now()),
    'email.list': (input) => listEmails(ctx.db, input),
    'email.retry': (input) => retryEmail(ctx.db, input.id),
    'email.discard': (input) => discardEmail(ctx.db, input.id),
    'invoices.email': (input) => (options.demo ? demoRefusal() : queueInvoiceEmail(ctx, input)),
  } satisfies PartialHandlerTable;
}
