import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { isoNow, type ServiceContext } from '../../services/context';

/** The clients a pull reads at the provider: linked to one of its clients (provider_id) and not closed, by id. */
export async function linkedOpenClients(db: Kysely<Database>): Promise<{ id: number; provider_id: string }[]> {
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'provider_id'])
    .where('provider_id', 'is not', null)
    .where('status', '!=', 'closed')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, provider_id: row.provider_id! }));
}

/** What pulls remember between runs (sync_state, migration 17), by key. */
export async function readState(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeState(ctx: Pick<ServiceContext, 'db' | 'now'>, key: string, value: string): Promise<void> {
  const updatedAt = isoNow(ctx);
  await ctx.db
    .insertInto('sync_state')
    .values({ key, value, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
}
