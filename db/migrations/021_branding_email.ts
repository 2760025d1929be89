import { sql, type Kysely } from 'kysely';

/**
 * Issue 15, branding and e-mail. The settings themselves are JSON under the settings keys
 * `branding` and `email` (checked by their zod schemas on the way in); the images and the
 * e-mails need tables of their own.
 *
 * `branding_images`: the header, logo and login background, their bytes as a BLOB (at most
 * 2 MB, PNG or JPEG by signature: main checks before the insert).
 *
 * `email_outbox`: every e-mail the console sends, written in the transaction that decides it
 * (the low-balance crossing, the reseller's "E-mail invoice"), sent by the e-mail worker with
 * retries; `to_address`, `subject`, `text_body` and `html_body` are the message as composed
 * when queued, so a retry sends the same words. An invoice's PDF is rendered at sending time
 * from the invoice (identical bytes for the same invoice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table branding_images (
    kind text primary key check (kind in ('header', 'logo', 'loginBackground')),
    mime text not null check (mime in ('image/png', 'image/jpeg')),
    data blob not null,
    bytes integer not null check (bytes > 0 and bytes <= 2097152),
    sha256 text not null,
    updated_at text not null
  ) strict, without rowid`.execute(db);
  await sql`create table email_outbox (
    id integer primary key,
    kind text not null check (kind in ('low_balance', 'invoice', 'test')),
    client_id integer references clients (id),
    invoice_id integer references invoices (id),
    to_address text not null,
    subject text not null,
    text_body text not null,
    html_body text not null,
    status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at text,
    last_error text,
    created_at text not null,
    sent_at text
  ) strict`.execute(db);
  // The open items and the next one due; the counts for the sidebar.
  await sql`create index email_outbox_by_status on email_outbox (status, next_attempt_at)`.execute(db);
  // A client's e-mails (the client page, the invoice page).
  await sql`create index email_outbox_by_client on email_outbox (client_id, id)`.execute(db);
  // An invoice's e-mails (the invoice page).
  await sql`create index email_outbox_by_invoice on email_outbox (invoice_id, id) where invoice_id is not null`.execute(db);
}
