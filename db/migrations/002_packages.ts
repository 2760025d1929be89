import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('packages')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    // Guide: a package has a name; two packages with one name would be indistinguishable in menus.
    .addColumn('name', 'text', (col) => col.notNull().unique().modifyEnd(sql`collate nocase`))
    .addColumn('markup_fixed_e8', 'integer', (col) => col.notNull().check(sql`markup_fixed_e8 >= 0`))
    .addColumn('markup_percent_e4', 'integer', (col) => col.notNull().check(sql`markup_percent_e4 >= 0`))
    .addColumn('pulse_seconds', 'integer', (col) => col.notNull().check(sql`pulse_seconds >= 1`))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();
}
