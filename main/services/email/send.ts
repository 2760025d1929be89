import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { SqliteStore } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { EventBus } from '../../events';
import type { SecretBox } from '../../sync/secretBox';
import { AppError } from '../../errors';
import { invoicePdf } from '../invoices/files';
import { defaultBoxFor } from '../secrets';
import type { EmailRow } from './outbox';
import { emailRetryDelay, SEND_LEASE_MS } from './retries';
import { canSend, readEmailSettings, senderOf, smtpConfigOf } from './settings';
import { MailSendError, nodemailerTransport, type MailTransport, type MailTransportFactory, type OutgoingMail } from './transport';

/**
 * Issue 15: one pass over the e-mail outbox — every e-mail due now is claimed, sent and
 * recorded, each at most once per pass. Used by the worker (worker.ts) and `email send`.
 */

export interface SendOptions {
  now: () => Date;
  /** Opens the SMTP password; the database folder's key box when not given. */
  secrets?: SecretBox;
  transport?: MailTransportFactory;
  /** Told when an e-mail moved (the window's E-mail tab refreshes live). */
  events?: EventBus;
  /** `email send`: every pending e-mail now, its wait notwithstanding. */
  ignoreBackoff?: boolean;
}

export interface SendResult {
  /** False when e-mail is off or not set up: nothing was tried, the e-mails wait. */
  configured: boolean;
  /** Why it could not send at all (not set up, the password cannot be opened), or null. */
  problem: string | null;
  sent: number;
  failed: number;
  retryLater: number;
}

/** One pass at a time per database in this process: the worker's and a command's never claim together. */
const passes = new WeakMap<BetterSqlite3.Database, Promise<unknown>>();

function serialized<T>(sqlite: BetterSqlite3.Database, work: () => Promise<T>): Promise<T> {
  const before = passes.get(sqlite) ?? Promise.resolve();
  const next = before.then(work, work);
  passes.set(
    sqlite,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * E-mails a process left 'sending' (it died mid-send, or is another process still sending)
 * go back to pending, due when their claim's lease ends: a dead process's e-mail is sent
 * again then; a live one's is recorded as sent by that process before the lease is over.
 * `leaseEndedBy`: only the claims whose lease ended by then (a pass that ignores the waits,
 * `email send`, must not take an e-mail the app is sending right now).
 */
export async function recoverSending(db: Kysely<Database>, leaseEndedBy?: string): Promise<number> {
  let query = db.updateTable('email_outbox').set({ status: 'pending' }).where('status', '=', 'sending');
  if (leaseEndedBy !== undefined) query = query.where('next_attempt_at', '<=', leaseEndedBy);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

class InvoiceVoided extends Error {}

/** The message of a row; an invoice's PDF rendered now, from the invoice (the same bytes every time). */
async function messageOf(db: Kysely<Database>, row: EmailRow, from: OutgoingMail['from']): Promise<OutgoingMail> {
  const mail: OutgoingMail = { from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body };
  if (row.kind !== 'invoice' || row.invoice_id === null) return mail;
  // Voided while its e-mail waited (the server down, e-mail off): the client must not get it.
  const invoice = await db.selectFrom('invoices').select(['number_text', 'status']).where('id', '=', row.invoice_id).executeTakeFirst();
  if (invoice?.status === 'void') throw new InvoiceVoided(`${invoice.number_text} was voided after this e-mail was queued: it is not sent`);
  const pdf = await invoicePdf(db, { id: row.invoice_id });
  return { ...mail, attachments: [{ fileName: pdf.fileName, contentType: 'application/pdf', content: pdf.bytes }] };
}

async function dueRows(db: Kysely<Database>, nowIso: string, ignoreBackoff: boolean, skip: ReadonlySet<number>): Promise<EmailRow[]> {
  let query = db.selectFrom('email_outbox').selectAll().where('status', '=', 'pending');
  if (!ignoreBackoff) query = query.where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]));
  const rows = await query.orderBy('id').limit(skip.size + 20).execute();
  return rows.filter((row) => !skip.has(row.id));
}

/**
 * Sends what is due; the outcome of each e-mail is in its row. `recover`: first take back
 * what a process left mid-send (the worker's first pass on a database, `email send`).
 */
export function sendDueEmails(store: Pick<SqliteStore, 'db' | 'sqlite' | 'folder'>, options: SendOptions & { recover?: boolean }): Promise<SendResult> {
  return serialized(store.sqlite, async () => {
    if (options.recover) await recoverSending(store.db, options.ignoreBackoff === true ? options.now().toISOString() : undefined);
    return sendPass(store.db, options.secrets ?? defaultBoxFor(store.folder), options);
  });
}

async function sendPass(db: Kysely<Database>, secrets: SecretBox, options: SendOptions): Promise<SendResult> {
  const result: SendResult = { configured: false, problem: null, sent: 0, failed: 0, retryLater: 0 };
  const settings = await readEmailSettings(db);
  if (!settings.enabled || !canSend(settings)) {
    result.problem = settings.enabled ? 'E-mail is not set up: enter the SMTP server and the From address in Settings → E-mail' : 'E-mail is off (Settings → E-mail)';
    return result;
  }
  let transport: MailTransport;
  try {
    transport = (options.transport ?? nodemailerTransport)(smtpConfigOf(settings, secrets));
  } catch (error) {
    result.problem = error instanceof AppError ? error.message : `E-mail cannot be sent: ${String(error)}`;
    return result;
  }
  result.configured = true;
  const changed = (): void => options.events?.emit('data.changed', { domains: ['email'] });
  const attempted = new Set<number>();
  try {
    for (;;) {
      const [row] = await dueRows(db, options.now().toISOString(), options.ignoreBackoff === true, attempted);
      if (!row) break;
      attempted.add(row.id);
      const claimedAt = options.now();
      const attempts = row.attempts + 1;
      // The attempt counts from the claim: an e-mail that kills the process every time still ends failed.
      const claim = await db
        .updateTable('email_outbox')
        .set({ status: 'sending', attempts, next_attempt_at: new Date(claimedAt.getTime() + SEND_LEASE_MS).toISOString() })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (claim.numUpdatedRows === 0n) continue;
      changed();
      const outcome = await attempt(db, transport, row, senderOf(settings));
      const at = options.now().toISOString();
      if (outcome === null) {
        await db.updateTable('email_outbox').set({ status: 'sent', sent_at: at, next_attempt_at: null, last_error: null }).where('id', '=', row.id).execute();
        result.sent += 1;
      } else {
        const wait = emailRetryDelay(attempts, outcome.permanent);
        await db
          .updateTable('email_outbox')
          .set({ status: wait === null ? 'failed' : 'pending', last_error: outcome.message, next_attempt_at: wait === null ? null : new Date(options.now().getTime() + wait).toISOString() })
          .where('id', '=', row.id)
          .execute();
        result[wait === null ? 'failed' : 'retryLater'] += 1;
      }
      changed();
    }
  } finally {
    transport.close();
  }
  return result;
}

/** Null when sent; else why not, and whether trying again can help. */
async function attempt(db: Kysely<Database>, transport: MailTransport, row: EmailRow, from: OutgoingMail['from']): Promise<{ message: string; permanent: boolean } | null> {
  let mail: OutgoingMail;
  try {
    mail = await messageOf(db, row, from);
  } catch (error) {
    if (error instanceof InvoiceVoided) return { message: error.message, permanent: true };
    // The invoice cannot be printed (removed, damaged): the same will happen next time.
    return { message: `The invoice's PDF could not be made: ${error instanceof Error ? error.message : String(error)}`, permanent: true };
  }
  try {
    await transport.send(mail);
    return null;
  } catch (error) {
    if (error instanceof MailSendError) return { message: error.message, permanent: error.permanent };
    return { message: error instanceof Error ? error.message : String(error), permanent: false };
  }
}
