import { sql, type Kysely } from 'kysely';

/**
 * Issue 13: the cycles an import must rate again, and from which call. A late call (one that
 * starts before calls already rated in its open cycle) is rated at once as if it came last,
 * and its cycle is noted here in the same transaction as the call; when the import's rows
 * are in, each noted cycle is rated once, chronologically, from its earliest late call, and
 * its note deleted in that cycle's transaction. A process that dies in between leaves the
 * note, and the next start (or import) finishes it: ratings are never left out of order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rating_pending')
    .addColumn('client_package_id', 'integer', (col) => col.notNull().references('client_packages.id'))
    .addColumn('cycle_start', 'text', (col) => col.notNull())
    .addColumn('from_started_at', 'text', (col) => col.notNull())
    .addColumn('from_call_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('rating_pending_pk', ['client_package_id', 'cycle_start'])
    .modifyEnd(sql`strict, without rowid`)
    .execute();
}
