import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../open';

/**
 * Issue 9, "killed imports stay running forever": an import whose process died is marked
 * 'interrupted' at the next start, with a message saying so (main/services/calls/interrupted.ts).
 * `pid` is the process that runs the import, so a start does not mark an import another
 * live process (a CLI import from cron) is running.
 *
 * SQLite cannot alter a CHECK constraint: call_imports is rebuilt. Foreign keys stay on in
 * a migration's transaction (the pragma is a no-op there), so they are deferred instead:
 * dropping the table counts the calls and rejects left without their import, putting the
 * same rows back counts them found again, and the commit sees none missing. A temporary
 * index on calls.import_id keeps both counts from scanning the calls once per import.
 * PostgreSQL alters the constraint in place (issue 16).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table call_imports drop constraint call_imports_status_check,
              add constraint call_imports_status_check check (status in ('running', 'done', 'cancelled', 'failed', 'interrupted'))`.execute(db);
    await db.schema.alterTable('call_imports').addColumn('message', 'text').execute();
    await db.schema.alterTable('call_imports').addColumn('pid', 'integer').execute();
    return;
  }
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql`create index calls_import_migration on calls (import_id)`.execute(db);
  await sql`create table call_imports_before_7 as select * from call_imports`.execute(db);
  await sql`drop table call_imports`.execute(db);
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
    .addColumn('status', 'text', (col) =>
      col.notNull().check(sql`status in ('running', 'done', 'cancelled', 'failed', 'interrupted')`),
    )
    .addColumn('message', 'text')
    .addColumn('pid', 'integer')
    .modifyEnd(sql`strict`)
    .execute();
  await sql`
    insert into call_imports (id, source, format, started_at, finished_at, rows_read, rows_added, rows_duplicate, rows_rejected, status)
    select id, source, format, started_at, finished_at, rows_read, rows_added, rows_duplicate, rows_rejected, status
    from call_imports_before_7 order by id`.execute(db);
  await sql`drop table call_imports_before_7`.execute(db);
  await sql`drop index calls_import_migration`.execute(db);
}
