import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: the secondary indexes of `calls` a bulk import dropped, to build again after its
 * rows are in (a sort, instead of an insert into each index per call). Each is noted here,
 * with its own CREATE statement as SQLite kept it, in the transaction that drops it, and its
 * note deleted in the transaction that builds it again: a process killed at any point leaves
 * the notes of exactly the indexes missing, and the next start (or import) builds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deferred_indexes')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('sql', 'text', (col) => col.notNull())
    .modifyEnd(sql`strict, without rowid`)
    .execute();
}
