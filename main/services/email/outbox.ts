import type { Kysely, Selectable } from 'kysely';
import type { Database, EmailOutboxTable } from '../../../db/schema';
import type { EmailItemView, EmailKind, EmailStatus, EmailStatusView } from '../../../preload/schemas/email';
import { AppError, notFound } from '../../errors';
import { clientName } from '../clients';
import { canSend, readEmailSettings } from './settings';

/**
 * Issue 15: the e-mail outbox (`email_outbox`, migration 021). Every e-mail the console sends
 * is a row written in the transaction that decided it; the worker (worker.ts) sends the rows
 * that are due, with retries. Sent rows stay as the history; 'sending' is the worker's claim
 * and shows as pending to the window.
 */
export type EmailRow = Selectable<EmailOutboxTable>;

export interface NewEmail {
  kind: EmailKind;
  clientId: number | null;
  invoiceId: number | null;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The row's values for an insert, due at once (next_attempt_at null). */
export const newEmailRow = (email: NewEmail, createdAt: string) => ({
  kind: email.kind,
  client_id: email.clientId,
  invoice_id: email.invoiceId,
  to_address: email.to,
  subject: email.subject,
  text_body: email.text,
  html_body: email.html,
  next_attempt_at: null,
  last_error: null,
  created_at: createdAt,
  sent_at: null,
});

export async function queueEmail(db: Kysely<Database>, email: NewEmail, createdAt: string): Promise<number> {
  const row = await db.insertInto('email_outbox').values(newEmailRow(email, createdAt)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

type ListedRow = EmailRow & { first_name: string | null; last_name: string | null; company: string | null };

export function toEmailView(row: ListedRow): EmailItemView {
  const status: EmailStatus = row.status === 'sending' ? 'pending' : row.status;
  return {
    id: row.id,
    kind: row.kind,
    status,
    clientId: row.client_id,
    clientName: row.first_name === null ? null : clientName({ first_name: row.first_name, last_name: row.last_name ?? '', company: row.company ?? '' }),
    invoiceId: row.invoice_id,
    to: row.to_address,
    subject: row.subject,
    attempts: row.attempts,
    lastError: row.last_error,
    // A claim's lease (worker.ts) is not a retry time: a row being sent shows none.
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

function listed(db: Kysely<Database>) {
  return db
    .selectFrom('email_outbox')
    .leftJoin('clients', 'clients.id', 'email_outbox.client_id')
    .selectAll('email_outbox')
    .select(['clients.first_name', 'clients.last_name', 'clients.company']);
}

export type EmailListFilter = 'open' | 'all' | EmailStatus;

/** Newest first; 'open' is what is still to send or refused (pending, sending, failed). */
export async function listEmails(db: Kysely<Database>, input: { status: EmailListFilter; limit: number; invoiceId?: number | undefined } | undefined): Promise<EmailItemView[]> {
  const { status, limit, invoiceId } = input ?? { status: 'all', limit: 100 };
  let query = listed(db);
  if (invoiceId !== undefined) query = query.where('email_outbox.invoice_id', '=', invoiceId);
  if (status === 'open') query = query.where('email_outbox.status', 'in', ['pending', 'sending', 'failed']);
  else if (status === 'pending') query = query.where('email_outbox.status', 'in', ['pending', 'sending']);
  else if (status !== 'all') query = query.where('email_outbox.status', '=', status);
  const rows = await query.orderBy('email_outbox.id', 'desc').limit(limit).execute();
  return rows.map(toEmailView);
}

export async function emailView(db: Kysely<Database>, id: number): Promise<EmailItemView> {
  const row = await listed(db).where('email_outbox.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`E-mail ${id}`);
  return toEmailView(row);
}

/** Midnight of `now`'s local day, as an ISO instant: what "sent today" counts from. */
export function startOfLocalDay(now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

export async function emailStatus(db: Kysely<Database>, now: Date): Promise<EmailStatusView> {
  const settings = await readEmailSettings(db);
  const counts = await db
    .selectFrom('email_outbox')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('status', 'in', ['pending', 'sending']).as('pending'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'failed').as('failed'),
      eb.fn.countAll<number>().filterWhere('status', '=', 'sent').filterWhere('sent_at', '>=', startOfLocalDay(now)).as('sentToday'),
    ])
    .executeTakeFirstOrThrow();
  return { configured: settings.enabled && canSend(settings), pending: Number(counts.pending), failed: Number(counts.failed), sentToday: Number(counts.sentToday) };
}

/**
 * `email.retry`: a failed e-mail (or one waiting for its next try) is due now, with a full
 * round of attempts again; its last error stays shown until the next attempt.
 */
export async function retryEmail(db: Kysely<Database>, id: number): Promise<EmailItemView> {
  const current = await emailView(db, id);
  const row = await db.selectFrom('email_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  if (row.status === 'sent') throw new AppError('conflict', `E-mail ${id} was sent already`);
  if (row.status === 'sending') throw new AppError('conflict', `E-mail ${id} is being sent right now`);
  await db.updateTable('email_outbox').set({ status: 'pending', attempts: 0, next_attempt_at: null }).where('id', '=', id).where('status', 'in', ['pending', 'failed']).execute();
  return { ...current, status: 'pending', attempts: 0, nextAttemptAt: null };
}

/**
 * `email.discard`: a pending or failed e-mail is dropped (the row removed: it was never sent,
 * so it is no history). What it was is returned, for the window's "Discarded …" message.
 */
export async function discardEmail(db: Kysely<Database>, id: number): Promise<EmailItemView> {
  const current = await emailView(db, id);
  const row = await db.selectFrom('email_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  if (row.status === 'sent') throw new AppError('conflict', `E-mail ${id} was sent already: it stays in the history`);
  if (row.status === 'sending') throw new AppError('conflict', `E-mail ${id} is being sent right now`);
  const removed = await db.deleteFrom('email_outbox').where('id', '=', id).where('status', 'in', ['pending', 'failed']).executeTakeFirst();
  if (removed.numDeletedRows === 0n) throw new AppError('conflict', `E-mail ${id} changed meanwhile: look again`);
  return current;
}
