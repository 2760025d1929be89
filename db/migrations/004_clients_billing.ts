import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';
import { refuseChange } from './ddl';

/**
 * Guide "Manage your clients": clients (SOFT/HARD balance), the packages connected to
 * them with their billing dates, the reseller's DID inventory and its assignments, sub
 * accounts, and the append-only ledger from which every balance is derived.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('first_name', 'text', (col) => col.notNull())
    .addColumn('last_name', 'text', (col) => col.notNull())
    .addColumn('company', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('email', 'text', (col) => col.notNull().modifyEnd(sql`collate nocase`))
    .addColumn('phone', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('street', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('city', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('state', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('country', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('postal_code', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('balance_mode', 'text', (col) => col.notNull().check(sql`balance_mode in ('soft', 'hard')`))
    .addColumn('low_balance_threshold_micros', 'integer')
    .addColumn('low_balance_email', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('notes', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('active', 'suspended', 'closed')`))
    // Cached sum of the ledger, kept in the same transaction as every ledger insert (the ledger is the truth).
    .addColumn('balance_micros', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('below_threshold', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('closed_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  // A closed client keeps its e-mail in history, but the address is free for a new client.
  await sql`create unique index clients_email_open on clients (email collate nocase) where status != 'closed'`.execute(db);

  await db.schema
    .createTable('client_packages')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('client_id', 'integer', (col) => col.notNull().references('clients.id'))
    .addColumn('package_id', 'integer', (col) => col.notNull().references('packages.id'))
    // Day of month the cycle is anchored on (31 → Feb 28/29 → Mar 31).
    .addColumn('billing_day', 'integer', (col) => col.notNull().check(sql`billing_day between 1 and 31`))
    .addColumn('next_billing_date', 'text', (col) => col.notNull())
    .addColumn('cycle_start_date', 'text', (col) => col.notNull())
    .addColumn('setup_fee_pending', 'integer', (col) => col.notNull().check(sql`setup_fee_pending in (0, 1)`))
    .addColumn('connected_at', 'text', (col) => col.notNull())
    .addColumn('disconnected_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create index client_packages_due on client_packages (next_billing_date) where disconnected_at is null`.execute(db);
  await sql`create index client_packages_client on client_packages (client_id)`.execute(db);

  await db.schema
    .createTable('dids')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('number', 'text', (col) => col.notNull().unique())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('source', 'text', (col) => col.notNull().check(sql`source in ('manual', 'import', 'sync')`))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('did_assignments')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('did_id', 'integer', (col) => col.notNull().references('dids.id'))
    .addColumn('client_id', 'integer', (col) => col.notNull().references('clients.id'))
    .addColumn('client_package_id', 'integer', (col) => col.notNull().references('client_packages.id'))
    .addColumn('minute_rate_e8', 'integer', (col) => col.notNull().check(sql`minute_rate_e8 >= 0`))
    .addColumn('monthly_fee_micros', 'integer', (col) => col.notNull().check(sql`monthly_fee_micros >= 0`))
    .addColumn('setup_fee_micros', 'integer', (col) => col.notNull().check(sql`setup_fee_micros >= 0`))
    .addColumn('assigned_at', 'text', (col) => col.notNull())
    .addColumn('unassigned_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  // Guide: a DID belongs to one client at a time.
  await sql`create unique index did_assignments_one_open on did_assignments (did_id) where unassigned_at is null`.execute(db);
  await sql`create index did_assignments_client on did_assignments (client_id)`.execute(db);

  await db.schema
    .createTable('subaccounts')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('password', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('device_type', 'integer', (col) => col.notNull())
    .addColumn('auth_type', 'integer', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('callerid_override', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('music_on_hold', 'text', (col) => col.notNull().defaultTo('default'))
    .addColumn('allowed_codecs', 'text', (col) => col.notNull())
    .addColumn('dtmf_mode', 'text', (col) => col.notNull())
    .addColumn('nat', 'text', (col) => col.notNull())
    .addColumn('international_lock', 'integer', (col) => col.notNull().check(sql`international_lock in (0, 1)`))
    .addColumn('client_id', 'integer', (col) => col.references('clients.id'))
    .addColumn('client_package_id', 'integer', (col) => col.references('client_packages.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('deleted_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create unique index subaccounts_username_live on subaccounts (username collate nocase) where deleted_at is null`.execute(db);
  await sql`create index subaccounts_client on subaccounts (client_id)`.execute(db);

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('client_id', 'integer', (col) => col.notNull().references('clients.id'))
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('payment', 'charge', 'setup_fee', 'monthly_fee', 'did_monthly_fee', 'did_setup_fee', 'calls', 'reversal')`,
        ),
    )
    // Signed: a payment adds to the balance (+), everything the client owes takes from it (−).
    .addColumn('amount_micros', 'integer', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('occurred_on', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // Makes automatic entries idempotent: "monthly:<client package>:<date>" is written once.
    .addColumn('reference', 'text', (col) => col.unique())
    .addColumn('reverses_entry_id', 'integer', (col) => col.unique().references('ledger_entries.id'))
    .addColumn('client_package_id', 'integer', (col) => col.references('client_packages.id'))
    .addColumn('did_assignment_id', 'integer', (col) => col.references('did_assignments.id'))
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create index ledger_entries_client on ledger_entries (client_id, id)`.execute(db);
  await sql`create index ledger_entries_client_day on ledger_entries (client_id, kind, occurred_on)`.execute(db);
  // DESIGN.md: the ledger is append-only; a correction is a reversing entry.
  await refuseChange(db, dialect, { name: 'ledger_entries_no_update', table: 'ledger_entries', event: 'update', message: 'ledger entries are append-only' });
  await refuseChange(db, dialect, { name: 'ledger_entries_no_delete', table: 'ledger_entries', event: 'delete', message: 'ledger entries are append-only' });

  await db.schema
    .createTable('billing_periods')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('client_package_id', 'integer', (col) => col.notNull().references('client_packages.id'))
    .addColumn('client_id', 'integer', (col) => col.notNull().references('clients.id'))
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .addColumn('closed_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('billing_periods_once', ['client_package_id', 'period_start'])
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('client_id', 'integer', (col) => col.references('clients.id'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('low_balance', 'suspended', 'reactivated', 'billing')`))
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('read_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
}
