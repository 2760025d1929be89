import { sql, type Kysely } from 'kysely';

/**
 * Issue 12, pulls from the provider:
 * - sync_state: what a pull must remember between runs, by key (the last day of calls
 *   pulled per provider client, so the next pull starts there with an overlap; the summary
 *   of the last pull).
 * - provider_packages: the provider's packages as last read (getPackages). Packages cannot
 *   be written through the API, so a local package is linked to one of these
 *   (packages.provider_id) and the package page says which fields differ.
 * - reconciliation: each linked client's balance here against the provider's
 *   (getResellerBalance) as last checked, with the calls that explain a difference.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_state')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  const routes = sql`('value', 'premium')`;
  await db.schema
    .createTable('provider_packages')
    .addColumn('provider_id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('markup_fixed_e8', 'integer', (col) => col.notNull())
    .addColumn('markup_percent_e4', 'integer', (col) => col.notNull())
    .addColumn('pulse_seconds', 'integer', (col) => col.notNull())
    .addColumn('international_route', 'text', (col) => col.notNull().check(sql`international_route in ${routes}`))
    .addColumn('canada_route', 'text', (col) => col.notNull().check(sql`canada_route in ${routes}`))
    .addColumn('monthly_fee_micros', 'integer', (col) => col.notNull())
    .addColumn('setup_fee_micros', 'integer', (col) => col.notNull())
    .addColumn('free_minutes', 'integer', (col) => col.notNull())
    .addColumn('pulled_at', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await db.schema
    .createTable('reconciliation')
    .addColumn('client_id', 'integer', (col) => col.primaryKey().references('clients.id'))
    .addColumn('local_balance_micros', 'integer', (col) => col.notNull())
    .addColumn('provider_balance_micros', 'integer', (col) => col.notNull())
    .addColumn('checked_at', 'text', (col) => col.notNull())
    .addColumn('window_from', 'text', (col) => col.notNull())
    .addColumn('window_to', 'text', (col) => col.notNull())
    .addColumn('explanation', 'text', (col) => col.notNull().defaultTo('[]'))
    .modifyEnd(sql`strict`)
    .execute();
}
