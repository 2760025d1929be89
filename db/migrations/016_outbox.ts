import { sql, type Kysely } from 'kysely';

/**
 * Issue 12, push through a transactional outbox: every local change the provider must
 * know is a row here, written in the same transaction as the change, and sent in order per
 * entity by the push worker (main/sync/pushWorker.ts). `params` is the API call by the
 * API's own names (methods.json), where a value may be a reference to a provider id not
 * known yet (main/sync/outbox.ts), resolved when it is sent. `reference` is the unique text
 * a money call carries in its description, so an unknown outcome can be checked before
 * sending again; `verify_first` marks an item whose last send may have been applied.
 *
 * A client's portal password (signupClient and setClient, a full replace, both require
 * one): made when the client is first sent to the provider, kept to send the same one again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('entity', 'text', (col) => col.notNull().check(sql`entity in ('client', 'subaccount', 'did')`))
    .addColumn('entity_id', 'integer', (col) => col.notNull())
    .addColumn('client_id', 'integer')
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('reference', 'text', (col) => col.unique())
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('pending').check(sql`state in ('pending', 'sending', 'failed', 'done')`))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', 'text')
    .addColumn('verify_first', 'integer', (col) => col.notNull().defaultTo(0).check(sql`verify_first in (0, 1)`))
    .addColumn('claimed_by', 'integer')
    .addColumn('last_status', 'text')
    .addColumn('last_message', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  // The next item of each entity, oldest first, and whether anything earlier of it is still open.
  await sql`create index outbox_by_entity on outbox (entity, entity_id, state)`.execute(db);
  // The open items (few, however many were sent), their counts for the sidebar, the next retry due.
  await sql`create index outbox_by_state on outbox (state, next_attempt_at)`.execute(db);
  await db.schema.alterTable('clients').addColumn('portal_password', 'text').execute();
}
