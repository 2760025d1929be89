import { sql, type Kysely } from 'kysely';

/**
 * Call records (CDRs) pulled from the provider or imported from its files, with our
 * rating of each: the provider's cost, our sell figures and the rule that applied
 * (DESIGN.md "Rating an answered call"). The provider's call id is unique, so an
 * import or a pull never adds a call twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_imports')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('format', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('rows_read', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_added', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_duplicate', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('running', 'done', 'cancelled', 'failed')`))
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('call_import_rejects')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('import_id', 'integer', (col) => col.notNull().references('call_imports.id'))
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create index call_import_rejects_import on call_import_rejects (import_id, line)`.execute(db);

  await db.schema
    .createTable('calls')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('call_id', 'text', (col) => col.notNull().unique())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('caller_id', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('destination', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('direction', 'text', (col) => col.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('disposition', 'text', (col) => col.notNull())
    .addColumn('seconds', 'integer', (col) => col.notNull().check(sql`seconds >= 0`))
    .addColumn('cost_rate_e8', 'integer', (col) => col.notNull())
    .addColumn('cost_micros', 'integer', (col) => col.notNull())
    .addColumn('did_number', 'text')
    .addColumn('subaccount_id', 'integer', (col) => col.references('subaccounts.id'))
    .addColumn('client_id', 'integer', (col) => col.references('clients.id'))
    .addColumn('client_package_id', 'integer', (col) => col.references('client_packages.id'))
    .addColumn('package_id', 'integer', (col) => col.references('packages.id'))
    // First day of the billing cycle the call belongs to (free minutes are per cycle).
    .addColumn('cycle_start', 'text')
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('rated', 'unrated')`))
    .addColumn('unrated_reason', 'text')
    .addColumn('rule', 'text')
    .addColumn('custom_rate_id', 'integer')
    .addColumn('free_zone', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('sell_rate_e8', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('billed_seconds', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('free_seconds', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('free_minutes_used', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('charge_micros', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('country', 'text')
    .addColumn('import_id', 'integer', (col) => col.references('call_imports.id'))
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create index calls_started on calls (started_at)`.execute(db);
  await sql`create index calls_client_started on calls (client_id, started_at)`.execute(db);
  await sql`create index calls_cycle on calls (client_package_id, cycle_start, started_at, call_id)`.execute(db);
  await sql`create index calls_unrated on calls (status) where status = 'unrated'`.execute(db);

  // Client-days whose call charges changed since their ledger entry was written; written in the
  // same transaction as the calls, so a crash between the two loses nothing.
  await db.schema
    .createTable('call_charge_dirty')
    .addColumn('client_id', 'integer', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('call_charge_dirty_pk', ['client_id', 'day'])
    .modifyEnd(sql`strict, without rowid`)
    .execute();
}
