import { sql, type Kysely } from 'kysely';

/**
 * Issue 12, sync with the provider: the provider's own ids on the local rows they match,
 * null until the row was created at the provider (push) or matched from it (pull). A
 * client is known there by its client number, a sub account by its account id, a package
 * by its package id (packages cannot be written through the API: a local package is
 * linked to one of the provider's). Unique where set: one local row per provider row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['clients', 'subaccounts', 'packages']) await db.schema.alterTable(table).addColumn('provider_id', 'text').execute();
  await sql`create unique index clients_provider_id on clients (provider_id) where provider_id is not null`.execute(db);
  await sql`create unique index subaccounts_provider_id on subaccounts (provider_id) where provider_id is not null`.execute(db);
  await sql`create unique index packages_provider_id on packages (provider_id) where provider_id is not null`.execute(db);
}
