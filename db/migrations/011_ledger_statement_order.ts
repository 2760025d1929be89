import { sql, type Kysely } from 'kysely';

/**
 * Issue 10, "a ledger that reads like a statement": a client's ledger is read in the order
 * of the date its money applies to, then entry, with a running balance in that order
 * (`clients.ledger`). This index gives SQLite that order for one client without sorting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index ledger_entries_client_applies on ledger_entries (client_id, occurred_on, id)`.execute(db);
}
