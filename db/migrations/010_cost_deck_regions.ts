import { sql, type Kysely } from 'kysely';

/**
 * Issue 10, "prices that never lie": the provider lists the USA and Canada under the same
 * prefix `1`, so the cost deck holds a line by route, prefix and NANP region
 * (main/engine/costDeck.ts). SQLite cannot change a table's unique constraint: the table is
 * rebuilt. Lines imported before keep no region, which is what they meant then: every
 * number of their prefix.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cost_rates rename to cost_rates_by_prefix`.execute(db);
  await db.schema
    .createTable('cost_rates')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('route', 'text', (col) => col.notNull().check(sql`route in ('value', 'premium')`))
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('region', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('destination', 'text', (col) => col.notNull())
    .addColumn('rate_e8', 'integer', (col) => col.notNull().check(sql`rate_e8 >= 0`))
    .addColumn('increment_seconds', 'integer', (col) => col.notNull().check(sql`increment_seconds >= 1`))
    .addColumn('imported_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('cost_rates_route_prefix_region_unique', ['route', 'prefix', 'region'])
    .modifyEnd(sql`strict`)
    .execute();
  await sql`insert into cost_rates (id, route, prefix, region, destination, rate_e8, increment_seconds, imported_at)
            select id, route, prefix, '', destination, rate_e8, increment_seconds, imported_at from cost_rates_by_prefix`.execute(db);
  await sql`drop table cost_rates_by_prefix`.execute(db);
}
