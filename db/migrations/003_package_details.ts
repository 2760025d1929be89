import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/**
 * Every field of the guide's "Create a new package" (Fees, Free Minutes and Reseller
 * System Configuration tabs), the per-package custom rates of "Edit Rates", and the
 * provider's termination rates (the cost deck) per route.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const routes = sql`('value', 'premium')`;
  const columns: [string, ColumnDataType, (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder][] = [
    ['canada_route', 'text', (col) => col.notNull().defaultTo('value').check(sql`canada_route in ${routes}`)],
    ['international_route', 'text', (col) => col.notNull().defaultTo('value').check(sql`international_route in ${routes}`)],
    ['free_on_net', 'integer', (col) => col.notNull().defaultTo(0).check(sql`free_on_net in (0, 1)`)],
    ['monthly_fee_micros', 'integer', (col) => col.notNull().defaultTo(0).check(sql`monthly_fee_micros >= 0`)],
    ['setup_fee_micros', 'integer', (col) => col.notNull().defaultTo(0).check(sql`setup_fee_micros >= 0`)],
    ['free_minutes', 'integer', (col) => col.notNull().defaultTo(0).check(sql`free_minutes >= 0`)],
    ['user_can_edit_subaccount', 'integer', (col) => col.notNull().defaultTo(0).check(sql`user_can_edit_subaccount in (0, 1)`)],
    ['subaccount_editable_fields', 'text', (col) => col.notNull().defaultTo('[]')],
    ['configuration_type', 'text', (col) => col.notNull().defaultTo('default').check(sql`configuration_type in ('default', 'package')`)],
    ['view_setting', 'text', (col) => col.notNull().defaultTo('standard').check(sql`view_setting in ('simple', 'standard')`)],
    ['services', 'text', (col) => col.notNull().defaultTo('[]')],
    ['archived_at', 'text', (col) => col],
  ];
  // SQLite adds one column per ALTER TABLE.
  for (const [name, type, build] of columns) await db.schema.alterTable('packages').addColumn(name, type, build).execute();

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
