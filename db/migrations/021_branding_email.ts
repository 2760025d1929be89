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
  await db.schema
    .createTable('branding_images')
    .addColumn('kind', 'text', (col) => col.primaryKey().check(sql`kind in ('header', 'logo', 'loginBackground')`))
    .addColumn('mime', 'text', (col) => col.notNull().check(sql`mime in ('image/png', 'image/jpeg')`))
    .addColumn('data', 'blob', (col) => col.notNull())
    .addColumn('bytes', 'integer', (col) => col.notNull().check(sql`bytes > 0 and bytes <= 2097152`))
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict, without rowid`)
    .execute();
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('low_balance', 'invoice', 'test')`))
    .addColumn('client_id', 'integer', (col) => col.references('clients.id'))
    .addColumn('invoice_id', 'integer', (col) => col.references('invoices.id'))
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status in ('pending', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  // The open items and the next one due; the counts for the sidebar.
  await sql`create index email_outbox_by_status on email_outbox (status, next_attempt_at)`.execute(db);
  // A client's e-mails (the client page, the invoice page).
  await sql`create index email_outbox_by_client on email_outbox (client_id, id)`.execute(db);
  // An invoice's e-mails (the invoice page).
  await sql`create index email_outbox_by_invoice on email_outbox (invoice_id, id) where invoice_id is not null`.execute(db);
}
