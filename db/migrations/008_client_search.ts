import { sql, type Kysely } from 'kysely';
import { clientSearchText } from '../../preload/common/search';

/**
 * Issue 10, "client search ignores accents and case": each client keeps the text it is
 * found by, folded (preload/common/search.ts), written with every change of its names,
 * company, e-mail or phone. SQLite's LIKE folds ASCII case only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('search_text', 'text', (col) => col.notNull().defaultTo('')).execute();
  const clients = await sql<{ id: number; first_name: string; last_name: string; company: string; email: string; phone: string }>`
    select id, first_name, last_name, company, email, phone from clients`.execute(db);
  for (const client of clients.rows) {
    await sql`update clients set search_text = ${clientSearchText(client)} where id = ${client.id}`.execute(db);
  }
}
