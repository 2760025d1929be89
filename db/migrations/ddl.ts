import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';

/**
 * Issue 16: what the migrations say differently per dialect. The tables themselves are
 * written once with the schema builder (PgSchemaPlugin turns SQLite's types into
 * PostgreSQL's); triggers are not the same language in the two.
 */

export interface RefusedChange {
  /** The trigger's name (the same on both dialects). */
  name: string;
  table: string;
  /** `update`, `delete`, or `update of <columns>`: the same words on both dialects. */
  event: string;
  /** Only when this holds (SQLite's `when`, PostgreSQL's `when (…)`), e.g. `old.status = 'void'`. */
  when?: string;
  /** What the refused statement's error says. */
  message: string;
}

/**
 * A trigger that refuses a change to a table with `message`: the ledger is append-only,
 * an issued invoice immutable (DESIGN.md). SQLite: `raise(abort, …)`; PostgreSQL: one
 * plpgsql function that raises the message the trigger passes it, per row.
 */
export async function refuseChange(db: Kysely<unknown>, dialect: Dialect, change: RefusedChange): Promise<void> {
  if (!/^[a-z_]+$/.test(change.name) || !/^[a-z_]+$/.test(change.table) || !/^[a-z_, ]+$/.test(change.event)) {
    throw new Error(`refuseChange: ${change.name} names an unexpected table or event`);
  }
  const message = sql.lit(change.message);
  if (dialect === 'sqlite') {
    const when = change.when ? sql` when ${sql.raw(change.when)}` : sql``;
    await sql`create trigger ${sql.raw(change.name)} before ${sql.raw(change.event)} on ${sql.raw(change.table)}${when}
              begin select raise(abort, ${message}); end`.execute(db);
    return;
  }
  await sql`create or replace function refuse_change() returns trigger language plpgsql as $$
              begin raise exception '%', tg_argv[0] using errcode = 'restrict_violation'; end $$`.execute(db);
  const when = change.when ? sql` when (${sql.raw(change.when)})` : sql``;
  await sql`create trigger ${sql.raw(change.name)} before ${sql.raw(change.event)} on ${sql.raw(change.table)} for each row${when}
            execute function refuse_change(${message})`.execute(db);
}

/** PostgreSQL: the kinds ledger_entries accepts, its CHECK replaced in place (SQLite rebuilds the table instead). */
export async function replaceLedgerKindCheck(db: Kysely<unknown>, kinds: readonly string[]): Promise<void> {
  const list = sql.join(kinds.map((kind) => sql.lit(kind)));
  await sql`alter table ledger_entries drop constraint ledger_entries_kind_check,
            add constraint ledger_entries_kind_check check (kind in (${list}))`.execute(db);
}
