import { sql, type Kysely } from 'kysely';

/**
 * Every field of the guide's "Create a new package" (Fees, Free Minutes and Reseller
 * System Configuration tabs), the per-package custom rates of "Edit Rates", and the
 * provider's termination rates (the cost deck) per route.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const columns: [string, string][] = [
    ["canada_route", "text not null default 'value' check (canada_route in ('value', 'premium'))"],
    ["international_route", "text not null default 'value' check (international_route in ('value', 'premium'))"],
    ['free_on_net', 'integer not null default 0 check (free_on_net in (0, 1))'],
    ['monthly_fee_micros', 'integer not null default 0 check (monthly_fee_micros >= 0)'],
    ['setup_fee_micros', 'integer not null default 0 check (setup_fee_micros >= 0)'],
    ['free_minutes', 'integer not null default 0 check (free_minutes >= 0)'],
    ['user_can_edit_subaccount', 'integer not null default 0 check (user_can_edit_subaccount in (0, 1))'],
    ["subaccount_editable_fields", "text not null default '[]'"],
    ["configuration_type", "text not null default 'default' check (configuration_type in ('default', 'package'))"],
    ["view_setting", "text not null default 'standard' check (view_setting in ('simple', 'standard'))"],
    ["services", "text not null default '[]'"],
    ['archived_at', 'text'],
  ];
  for (const [name, definition] of columns) {
    // ALTER TABLE ... ADD COLUMN takes a column definition; these are constants of this file.
    await sql.raw(`alter table packages add column ${name} ${definition}`).execute(db);
  }

  await db.schema
    .createTable('package_rates')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('package_id', 'integer', (col) => col.notNull().references('packages.id').onDelete('cascade'))
    .addColumn('scope', 'text', (col) => col.notNull().check(sql`scope in ('usa', 'canada', 'country', 'prefix')`))
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('rate_e8', 'integer', (col) => col.notNull().check(sql`rate_e8 >= 0`))
    .addColumn('free_zone', 'integer', (col) => col.notNull().check(sql`free_zone in (0, 1)`))
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addUniqueConstraint('package_rates_scope_unique', ['package_id', 'scope', 'value'])
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('cost_rates')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('route', 'text', (col) => col.notNull().check(sql`route in ('value', 'premium')`))
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('destination', 'text', (col) => col.notNull())
    .addColumn('rate_e8', 'integer', (col) => col.notNull().check(sql`rate_e8 >= 0`))
    .addColumn('increment_seconds', 'integer', (col) => col.notNull().check(sql`increment_seconds >= 1`))
    .addColumn('imported_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('cost_rates_route_prefix_unique', ['route', 'prefix'])
    .modifyEnd(sql`strict`)
    .execute();
}
