import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';
import { LEDGER_KINDS_014 } from './014_invoices';
import { replaceLedgerKindCheck } from './ddl';

/** Every kind a ledger entry can be from here on. */
export const LEDGER_KINDS_018 = [
  ...LEDGER_KINDS_014,
  // Issue 12: the balance a client had at the provider when the first pull brought it in.
  'opening',
] as const;

/**
 * Issue 12: ledger kind 'opening', the balance a client brought from the provider on the
 * first connection (their history there is the provider's; here it starts from that figure).
 *
 * SQLite cannot alter a CHECK constraint: ledger_entries is rebuilt with every id kept.
 * invoice_entries refers to it, and foreign keys stay on in a migration's transaction, so
 * they are deferred (as in 007): dropping the table counts the invoice claims left without
 * their entry, putting the same rows back counts them found again, and the commit sees
 * none missing. Every index and trigger on it, or naming it, is made again from the schema.
 * PostgreSQL replaces the CHECK in place (issue 16).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') return replaceLedgerKindCheck(db, LEDGER_KINDS_018);
  await sql`pragma defer_foreign_keys = on`.execute(db);
  const dependents = await sql<{ type: string; name: string; sql: string }>`
    select type, name, sql from sqlite_master
    where sql is not null and name != 'ledger_entries'
      and ((type = 'index' and tbl_name = 'ledger_entries') or (type in ('trigger', 'view') and sql like '%ledger_entries%'))
    order by case type when 'view' then 0 when 'index' then 1 else 2 end`.execute(db);
  for (const row of dependents.rows) {
    if (row.type === 'view') await sql.raw(`drop view "${row.name}"`).execute(db);
    else if (row.type === 'trigger') await sql.raw(`drop trigger "${row.name}"`).execute(db);
  }
  await sql`create table ledger_entries_before_18 as select * from ledger_entries`.execute(db);
  await sql`drop table ledger_entries`.execute(db);
  const kinds = LEDGER_KINDS_018.map((kind) => `'${kind}'`).join(', ');
  await sql.raw(`create table ledger_entries (
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
  await sql.raw(`insert into ledger_entries (${columns}) select ${columns} from ledger_entries_before_18 order by id`).execute(db);
  await sql`drop table ledger_entries_before_18`.execute(db);
  for (const row of dependents.rows) {
    if (row.type === 'index' && /^sqlite_autoindex/.test(row.name)) continue;
    await sql.raw(row.sql).execute(db);
  }
}
