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
  await sql`create table outbox (
    id integer primary key,
    entity text not null check (entity in ('client', 'subaccount', 'did')),
    entity_id integer not null,
    client_id integer,
    method text not null,
    params text not null,
    summary text not null,
    reference text unique,
    state text not null default 'pending' check (state in ('pending', 'sending', 'failed', 'done')),
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at text,
    verify_first integer not null default 0 check (verify_first in (0, 1)),
    claimed_by integer,
    last_status text,
    last_message text,
    created_at text not null,
    sent_at text
  ) strict`.execute(db);
  // The next item of each entity, oldest first, and whether anything earlier of it is still open.
  await sql`create index outbox_by_entity on outbox (entity, entity_id, state)`.execute(db);
  // The open items (few, however many were sent), their counts for the sidebar, the next retry due.
  await sql`create index outbox_by_state on outbox (state, next_attempt_at)`.execute(db);
  await sql`alter table clients add column portal_password text`.execute(db);
}
