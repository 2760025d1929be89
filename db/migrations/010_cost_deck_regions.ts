import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';

/**
 * Issue 10, "prices that never lie": the provider lists the USA and Canada under the same
 * prefix `1`, so the cost deck holds a line by route, prefix and NANP region
 * (main/engine/costDeck.ts). SQLite cannot change a table's unique constraint: the table is
 * rebuilt. Lines imported before keep no region, which is what they meant then: every
 * number of their prefix. PostgreSQL changes the constraint in place (issue 16).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await db.schema.alterTable('cost_rates').addColumn('region', 'text', (col) => col.notNull().defaultTo('')).execute();
    await sql`alter table cost_rates drop constraint cost_rates_route_prefix_unique,
              add constraint cost_rates_route_prefix_region_unique unique (route, prefix, region)`.execute(db);
    return;
  }
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
