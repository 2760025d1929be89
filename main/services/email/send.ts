import type { Kysely } from 'kysely';
import type { Store } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { EventBus } from '../../events';
import type { SecretBox } from '../../sync/secretBox';
import { AppError } from '../../errors';
import { invoicePdf } from '../invoices/files';
import { leaseEnd, passQueue } from '../claims';
import { defaultBoxFor } from '../secrets';
import type { EmailRow } from './outbox';
import { emailRetryDelay, SEND_LEASE_MS } from './retries';
import { canSend, readEmailSettings, senderOf, smtpConfigOf } from './settings';
import { MailSendError, nodemailerTransport, type MailTransport, type MailTransportFactory, type OutgoingMail } from './transport';

/**
 * Issue 15: one pass over the e-mail outbox — every e-mail due now is claimed, sent and
 * recorded, each at most once per pass. Used by the worker (worker.ts) and `email send`.
 *
 * Issue 16, a team server (PostgreSQL): several instances send from one outbox. Each claims
 * the next due row in one statement that skips rows another instance holds (FOR UPDATE SKIP
 * LOCKED), so no two instances send the same e-mail; and since an instance that died is not
 * seen from here, every pass takes back the claims whose lease has ended (SEND_LEASE_MS).
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

/** One pass at a time per database in this process: the worker's and a command's never claim together (claims.ts). */
const serialized = passQueue();

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

function dueQuery(db: Kysely<Database>, nowIso: string, ignoreBackoff: boolean) {
  const query = db.selectFrom('email_outbox').where('status', '=', 'pending');
  return ignoreBackoff ? query : query.where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]));
}

async function dueRows(db: Kysely<Database>, nowIso: string, ignoreBackoff: boolean, skip: ReadonlySet<number>): Promise<EmailRow[]> {
  const rows = await dueQuery(db, nowIso, ignoreBackoff).selectAll().orderBy('id').limit(skip.size + 20).execute();
  return rows.filter((row) => !skip.has(row.id));
}

/**
 * The next due e-mail not yet tried in this pass: claimed ('sending', the attempt counted,
 * held until `leaseEnd`) as it was before the claim, with the attempt the claim counts; or
 * `lost`, taken by another process between the look and the claim; or null, nothing is due.
 */
type Claimer = (nowIso: string, leaseEnd: string, skip: ReadonlySet<number>) => Promise<{ row: EmailRow; attempts: number } | { lost: number } | null>;

/** SQLite: the next due row, then a claim that holds only if no other process took it meanwhile. */
const sqliteClaimer =
  (db: Kysely<Database>, ignoreBackoff: boolean): Claimer =>
  async (nowIso, leaseEnd, skip) => {
    const [row] = await dueRows(db, nowIso, ignoreBackoff, skip);
    if (!row) return null;
    const attempts = row.attempts + 1;
    const claim = await db
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts, next_attempt_at: leaseEnd })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return claim.numUpdatedRows === 0n ? { lost: row.id } : { row, attempts };
  };

/** PostgreSQL: one statement finds and claims the next due row, passing over rows another instance is claiming. */
const pgClaimer =
  (db: Kysely<Database>, ignoreBackoff: boolean): Claimer =>
  async (nowIso, leaseEnd, skip) => {
    let next = dueQuery(db, nowIso, ignoreBackoff).select('id');
    if (skip.size > 0) next = next.where('id', 'not in', [...skip]);
    const claimed = await db
      .updateTable('email_outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: leaseEnd }))
      .where('id', '=', next.orderBy('id').limit(1).forUpdate().skipLocked())
      .returningAll()
      .executeTakeFirst();
    if (!claimed) return null;
    // The row as it was before the claim (what the send reads is the message, unchanged by it).
    return { row: { ...claimed, status: 'pending', attempts: claimed.attempts - 1 }, attempts: claimed.attempts };
  };

/**
 * Sends what is due; the outcome of each e-mail is in its row. `recover`: first take back
 * what a process left mid-send (the worker's first pass on a database, `email send`).
 */
export function sendDueEmails(store: Store, options: SendOptions & { recover?: boolean }): Promise<SendResult> {
  return serialized(store, async () => {
    const ignoreBackoff = options.ignoreBackoff === true;
    if (options.recover) await recoverSending(store.db, ignoreBackoff ? options.now().toISOString() : undefined);
    // A team server: another instance's claim whose lease has ended is abandoned (that instance died, or lost its connection).
    else if (store.dialect === 'postgres') await recoverSending(store.db, options.now().toISOString());
    const claimer = store.dialect === 'postgres' ? pgClaimer(store.db, ignoreBackoff) : sqliteClaimer(store.db, ignoreBackoff);
    return sendPass(store.db, options.secrets ?? defaultBoxFor(store.folder), claimer, options);
  });
}

async function sendPass(db: Kysely<Database>, secrets: SecretBox, claimNext: Claimer, options: SendOptions): Promise<SendResult> {
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
      const claimedAt = options.now();
      // The attempt counts from the claim: an e-mail that kills the process every time still ends failed.
      const claim = await claimNext(claimedAt.toISOString(), leaseEnd(claimedAt, SEND_LEASE_MS), attempted);
      if (claim === null) break;
      if ('lost' in claim) {
        attempted.add(claim.lost);
        continue;
      }
      const { row, attempts } = claim;
      attempted.add(row.id);
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
