import type { Kysely } from 'kysely';

/**
 * Issue 10, "remove an unassigned number": a number given back to the provider leaves the
 * inventory but not the history (its past assignments and calls keep pointing at it), so
 * it is marked removed, not deleted. Added again, it comes back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dids').addColumn('removed_at', 'text').execute();
}
