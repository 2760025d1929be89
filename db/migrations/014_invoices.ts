import { sql, type Kysely } from 'kysely';

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
export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuildLedgerEntries(db);

  // A logo is stored once however many invoices print it.
  await sql`create table invoice_logos (
    id integer primary key,
    sha256 text not null unique,
    data_url text not null
  ) strict`.execute(db);

  await sql`create table invoices (
    id integer primary key,
    number integer not null unique check (number >= 1),
    number_text text not null,
    kind text not null check (kind in ('invoice', 'credit_note')),
    status text not null check (status in ('issued', 'void')),
    client_id integer not null references clients(id),
    issue_date text not null,
    period_start text not null,
    period_end text not null,
    credit_for_invoice_id integer references invoices(id),
    opening_micros integer not null,
    subtotal_micros integer not null,
    tax_micros integer not null,
    payments_micros integer not null,
    credits_micros integer not null,
    closing_micros integer not null,
    total_due_micros integer not null,
    rounding_micros integer not null,
    logo_id integer references invoice_logos(id),
    content text not null,
    created_at text not null,
    voided_at text,
    void_reason text,
    check ((kind = 'credit_note') = (credit_for_invoice_id is not null))
  ) strict`.execute(db);
  await sql`create index invoices_client on invoices (client_id, number)`.execute(db);
  await sql`create index invoices_issued on invoices (issue_date, number)`.execute(db);
  await sql`create index invoices_credit_for on invoices (credit_for_invoice_id) where credit_for_invoice_id is not null`.execute(db);
  // Immutable once issued: only a void may touch the row (status, voided_at, void_reason), and nothing is deleted.
  await sql`create trigger invoices_immutable before update of number, number_text, kind, client_id, issue_date,
            period_start, period_end, credit_for_invoice_id, opening_micros, subtotal_micros, tax_micros,
            payments_micros, credits_micros, closing_micros, total_due_micros, rounding_micros, logo_id, content, created_at on invoices
            begin select raise(abort, 'an issued invoice is immutable'); end`.execute(db);
  await sql`create trigger invoices_void_once before update of status on invoices when old.status = 'void'
            begin select raise(abort, 'a void invoice stays void'); end`.execute(db);
  await sql`create trigger invoices_no_delete before delete on invoices
            begin select raise(abort, 'invoices are never deleted'); end`.execute(db);

  await sql`create table invoice_lines (
    id integer primary key,
    invoice_id integer not null references invoices(id),
    position integer not null,
    section text not null check (section in ('calls', 'did_fees', 'package_fees', 'setup_fees', 'charges', 'payments', 'taxes', 'credits')),
    occurred_on text,
    description text not null,
    call_count integer,
    billed_seconds integer,
    amount_micros integer not null,
    unique (invoice_id, position)
  ) strict`.execute(db);
  await sql`create trigger invoice_lines_no_update before update on invoice_lines
            begin select raise(abort, 'an issued invoice is immutable'); end`.execute(db);
  await sql`create trigger invoice_lines_no_delete before delete on invoice_lines
            begin select raise(abort, 'an issued invoice is immutable'); end`.execute(db);

  // Which invoice each ledger entry landed on. A void sets released_at on its claims
  // (but those of the taxes it posted and their reversals), so the next invoice takes them.
  await sql`create table invoice_entries (
    id integer primary key,
    invoice_id integer not null references invoices(id),
    ledger_entry_id integer not null references ledger_entries(id),
    released_at text
  ) strict`.execute(db);
  await sql`create unique index invoice_entries_active on invoice_entries (ledger_entry_id) where released_at is null`.execute(db);
  await sql`create index invoice_entries_invoice on invoice_entries (invoice_id)`.execute(db);

  // The next number of the reseller's one sequence (invoices and credit notes), and the
  // last one taken: a number is never given twice, a failed issue rolls its number back.
  await sql`create table invoice_numbering (
    id integer primary key check (id = 1),
    next_number integer not null check (next_number >= 1),
    last_number integer not null default 0
  ) strict`.execute(db);
  await sql`insert into invoice_numbering (id, next_number, last_number) values (1, 1, 0)`.execute(db);

  // A client's own taxes (JSON [{name, rate_e4}]); no row: the default list of the settings.
  await sql`create table client_invoice_taxes (
    client_id integer primary key references clients(id),
    taxes text not null
  ) strict`.execute(db);
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
    reverses_entry_id integer unique references ledger_entries(id),
    client_package_id integer references client_packages(id),
    did_assignment_id integer references did_assignments(id)
  ) strict`).execute(db);
  const columns = 'id, client_id, kind, amount_micros, description, occurred_on, created_at, reference, reverses_entry_id, client_package_id, did_assignment_id';
  await sql.raw(`insert into ledger_entries_014 (${columns}) select ${columns} from ledger_entries order by id`).execute(db);
  await sql`drop table ledger_entries`.execute(db);
  await sql`alter table ledger_entries_014 rename to ledger_entries`.execute(db);
  for (const row of dependents.rows) {
    if (row.type === 'index' && /^sqlite_autoindex/.test(row.name)) continue;
    await sql.raw(row.sql).execute(db);
  }
}
