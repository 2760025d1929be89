import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';
import { refuseChange, replaceLedgerKindCheck } from './ddl';

/** Every kind a ledger entry can be, as the CHECK constraint of ledger_entries lists them. */
export const LEDGER_KINDS_014 = [
  'payment',
  'charge',
  'setup_fee',
  'monthly_fee',
  'did_monthly_fee',
  'did_setup_fee',
  'calls',
  'reversal',
  // Issue 11: the taxes an invoice charges, and the credit of a credit note.
  'tax',
  'credit',
] as const;

/**
 * Issue 11, invoices: numbered without gaps per reseller (the number is taken in the
 * transaction that writes the invoice, from `invoice_numbering`), immutable once issued
 * (triggers: only the status, the void date and reason may change), the lines and the
 * company/client blocks stored as printed. `invoice_entries` says which invoice each
 * ledger entry landed on (one active claim per entry; a void releases its claims so the
 * next invoice takes them). Ledger kinds 'tax' and 'credit' join the CHECK of
 * ledger_entries (a table rebuild, ids kept).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await replaceLedgerKindCheck(db, LEDGER_KINDS_014);
  else await rebuildLedgerEntries(db);

  // A logo is stored once however many invoices print it.
  await db.schema
    .createTable('invoice_logos')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('sha256', 'text', (col) => col.notNull().unique())
    .addColumn('data_url', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('number', 'integer', (col) => col.notNull().unique().check(sql`number >= 1`))
    .addColumn('number_text', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('invoice', 'credit_note')`))
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('issued', 'void')`))
    .addColumn('client_id', 'integer', (col) => col.notNull().references('clients.id'))
    .addColumn('issue_date', 'text', (col) => col.notNull())
    .addColumn('period_start', 'text', (col) => col.notNull())
    .addColumn('period_end', 'text', (col) => col.notNull())
    .addColumn('credit_for_invoice_id', 'integer', (col) => col.references('invoices.id'))
    .addColumn('opening_micros', 'integer', (col) => col.notNull())
    .addColumn('subtotal_micros', 'integer', (col) => col.notNull())
    .addColumn('tax_micros', 'integer', (col) => col.notNull())
    .addColumn('payments_micros', 'integer', (col) => col.notNull())
    .addColumn('credits_micros', 'integer', (col) => col.notNull())
    .addColumn('closing_micros', 'integer', (col) => col.notNull())
    .addColumn('total_due_micros', 'integer', (col) => col.notNull())
    .addColumn('rounding_micros', 'integer', (col) => col.notNull())
    .addColumn('logo_id', 'integer', (col) => col.references('invoice_logos.id'))
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .addCheckConstraint('invoices_credit_note_for', sql`(kind = 'credit_note') = (credit_for_invoice_id is not null)`)
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create index invoices_client on invoices (client_id, number)`.execute(db);
  await sql`create index invoices_issued on invoices (issue_date, number)`.execute(db);
  await sql`create index invoices_credit_for on invoices (credit_for_invoice_id) where credit_for_invoice_id is not null`.execute(db);
  // Immutable once issued: only a void may touch the row (status, voided_at, void_reason), and nothing is deleted.
  await refuseChange(db, dialect, {
    name: 'invoices_immutable',
    table: 'invoices',
    event: `update of number, number_text, kind, client_id, issue_date, period_start, period_end, credit_for_invoice_id,
            opening_micros, subtotal_micros, tax_micros, payments_micros, credits_micros, closing_micros, total_due_micros,
            rounding_micros, logo_id, content, created_at`.replace(/\s+/g, ' '),
    message: 'an issued invoice is immutable',
  });
  await refuseChange(db, dialect, { name: 'invoices_void_once', table: 'invoices', event: 'update of status', when: "old.status = 'void'", message: 'a void invoice stays void' });
  await refuseChange(db, dialect, { name: 'invoices_no_delete', table: 'invoices', event: 'delete', message: 'invoices are never deleted' });

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('invoice_id', 'integer', (col) => col.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('section', 'text', (col) =>
      col.notNull().check(sql`section in ('calls', 'did_fees', 'package_fees', 'setup_fees', 'charges', 'payments', 'taxes', 'credits')`),
    )
    .addColumn('occurred_on', 'text')
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('call_count', 'integer')
    .addColumn('billed_seconds', 'integer')
    .addColumn('amount_micros', 'integer', (col) => col.notNull())
    .addUniqueConstraint('invoice_lines_position', ['invoice_id', 'position'])
    .modifyEnd(sql`strict`)
    .execute();
  await refuseChange(db, dialect, { name: 'invoice_lines_no_update', table: 'invoice_lines', event: 'update', message: 'an issued invoice is immutable' });
  await refuseChange(db, dialect, { name: 'invoice_lines_no_delete', table: 'invoice_lines', event: 'delete', message: 'an issued invoice is immutable' });

  // Which invoice each ledger entry landed on. A void sets released_at on its claims
  // (but those of the taxes it posted and their reversals), so the next invoice takes them.
  await db.schema
    .createTable('invoice_entries')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('invoice_id', 'integer', (col) => col.notNull().references('invoices.id'))
    .addColumn('ledger_entry_id', 'integer', (col) => col.notNull().references('ledger_entries.id'))
    .addColumn('released_at', 'text')
    .modifyEnd(sql`strict`)
    .execute();
  await sql`create unique index invoice_entries_active on invoice_entries (ledger_entry_id) where released_at is null`.execute(db);
  await sql`create index invoice_entries_invoice on invoice_entries (invoice_id)`.execute(db);

  // The next number of the reseller's one sequence (invoices and credit notes), and the
  // last one taken: a number is never given twice, a failed issue rolls its number back.
  await db.schema
    .createTable('invoice_numbering')
    .addColumn('id', 'integer', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('next_number', 'integer', (col) => col.notNull().check(sql`next_number >= 1`))
    .addColumn('last_number', 'integer', (col) => col.notNull().defaultTo(0))
    .modifyEnd(sql`strict`)
    .execute();
  await sql`insert into invoice_numbering (id, next_number, last_number) values (1, 1, 0)`.execute(db);

  // A client's own taxes (JSON [{name, rate_e4}]); no row: the default list of the settings.
  await db.schema
    .createTable('client_invoice_taxes')
    .addColumn('client_id', 'integer', (col) => col.primaryKey().references('clients.id'))
    .addColumn('taxes', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict`)
    .execute();
}

/**
 * SQLite cannot alter a CHECK constraint: the table is rebuilt (the procedure of
 * sqlite.org/lang_altertable.html, inside the migration's one transaction) keeping every
 * id, then every index and trigger that was on it is created again — read from the
 * schema, so an index or trigger another migration added is kept too.
 */
async function rebuildLedgerEntries(db: Kysely<unknown>): Promise<void> {
  const dependents = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master
    where sql is not null and name != 'ledger_entries'
      and ((type = 'index' and tbl_name = 'ledger_entries') or (type in ('trigger', 'view') and sql like '%ledger_entries%'))
    order by case type when 'view' then 0 when 'index' then 1 else 2 end`.execute(db);
  for (const row of dependents.rows) {
    if (row.type === 'view') await sql.raw(`drop view "${row.name}"`).execute(db);
    else if (row.type === 'trigger') await sql.raw(`drop trigger "${row.name}"`).execute(db);
  }
  const kinds = LEDGER_KINDS_014.map((kind) => `'${kind}'`).join(', ');
  await sql.raw(`create table ledger_entries_014 (
    id integer primary key,
    client_id integer not null references clients(id),
    kind text not null check (kind in (${kinds})),
    amount_micros integer not null,
    description text not null,
    occurred_on text not null,
    created_at text not null,
    reference text unique,
    reverses_entry_id integer unique references ledger_entries_014(id),
    client_package_id integer references client_packages(id),
    did_assignment_id integer references did_assignments(id)
  ) strict`).execute(db);
  const columns = 'id, client_id, kind, amount_micros, description, occurred_on, created_at, reference, reverses_entry_id, client_package_id, did_assignment_id';
  await sql.raw(`insert into ledger_entries_014 (${columns}) select ${columns} from ledger_entries order by id`).execute(db);
  // The new table refers to itself by its own name, which the rename rewrites to
  // ledger_entries, so dropping the old table (foreign keys stay on) removes only rows no
  // other row refers to. No other table refers to ledger entries (a table that did would make
  // this migration fail whole, leaving the file as it was).
  await sql`drop table ledger_entries`.execute(db);
  await sql`alter table ledger_entries_014 rename to ledger_entries`.execute(db);
  for (const row of dependents.rows) {
    if (row.type === 'index' && /^sqlite_autoindex/.test(row.name)) continue;
    await sql.raw(row.sql).execute(db);
  }
}
