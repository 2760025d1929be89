import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: the secondary indexes of `calls` a bulk import dropped, to build again after its
 * rows are in (a sort, instead of an insert into each index per call). Each is noted here,
 * with its own CREATE statement as SQLite kept it, in the transaction that drops it, and its
 * note deleted in the transaction that builds it again: a process killed at any point leaves
 * the notes of exactly the indexes missing, and the next start (or import) builds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table deferred_indexes (
    name text primary key,
    sql text not null
  ) strict, without rowid`.execute(db);
}
