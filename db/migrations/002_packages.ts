import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    // Issue 16: SQLite's `collate nocase` on PostgreSQL, ICU's case-insensitive comparison (a
    // nondeterministic collation: equal ignoring case, so a unique index refuses "BASIC" beside "Basic").
    await sql`create collation if not exists nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`.execute(db);
  }
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
