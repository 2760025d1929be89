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
  await sql`create table sync_state (
    key text primary key,
    value text not null,
    updated_at text not null
  ) strict`.execute(db);
  await sql`create table provider_packages (
    provider_id text primary key,
    name text not null,
    markup_fixed_e8 integer not null,
    markup_percent_e4 integer not null,
    pulse_seconds integer not null,
    international_route text not null check (international_route in ('value', 'premium')),
    canada_route text not null check (canada_route in ('value', 'premium')),
    monthly_fee_micros integer not null,
    setup_fee_micros integer not null,
    free_minutes integer not null,
    pulled_at text not null
  ) strict`.execute(db);
  await sql`create table reconciliation (
    client_id integer primary key references clients (id),
    local_balance_micros integer not null,
    provider_balance_micros integer not null,
    checked_at text not null,
    window_from text not null,
    window_to text not null,
    explanation text not null default '[]'
  ) strict`.execute(db);
}
