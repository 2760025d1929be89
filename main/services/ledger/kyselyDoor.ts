import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../db/open';
import type { Database } from '../../../db/schema';
import type { AsyncAnswers } from './run';

/**
 * The ledger door's questions (program.ts) answered through Kysely on the caller's
 * transaction: PostgreSQL's door (issue 16), and on SQLite the twin the tests compare with
 * the synchronous door (sqliteDoor.ts). On PostgreSQL the clients of a batch are locked first,
 * in ascending id (`FOR UPDATE`): a payment and an import's call charges for one client,
 * from two instances, wait for each other instead of losing one another's balance change.
 */
export function kyselyAnswers(trx: Kysely<Database>, dialect: Dialect): AsyncAnswers {
  return {
    lockClients: async ({ ids }) => {
      if (dialect !== 'postgres') return;
      await trx.selectFrom('clients').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
    },
    client: ({ id }) => trx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst(),
    entryKind: async ({ id }) => (await trx.selectFrom('ledger_entries').select('kind').where('id', '=', id).executeTakeFirst())?.kind,
    setting: async ({ key }) => (await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value,
    insertEntry: async ({ row }) =>
      (await trx.insertInto('ledger_entries').values(row).onConflict((oc) => oc.column('reference').doNothing()).returning('id').executeTakeFirst())?.id ?? null,
    insertOutbox: async ({ row }) => void (await trx.insertInto('outbox').values(row).execute()),
    insertEmail: async ({ row }) => void (await trx.insertInto('email_outbox').values(row).execute()),
    addTotals: async ({ rows }) => {
      await trx
        .insertInto('ledger_totals')
        .values([...rows])
        .onConflict((oc) =>
          oc.columns(['month', 'kind', 'client_id']).doUpdateSet((eb) => ({
            amount_micros: eb(eb.ref('ledger_totals.amount_micros'), '+', eb.ref('excluded.amount_micros')),
            entries: eb(eb.ref('ledger_totals.entries'), '+', eb.ref('excluded.entries')),
          })),
        )
        .execute();
    },
    updateClient: async ({ id, set }) => void (await trx.updateTable('clients').set(set).where('id', '=', id).execute()),
    insertNotice: async ({ row }) => void (await trx.insertInto('notices').values(row).execute()),
  };
}

/** Runs `work` in a savepoint of the caller's transaction: a refused batch leaves nothing of itself behind, as SQLite's nested transaction does. */
export async function inSavepoint<T>(trx: Kysely<Database>, name: string, work: () => Promise<T>): Promise<T> {
  await sql`savepoint ${sql.id(name)}`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint ${sql.id(name)}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${sql.id(name)}`.execute(trx);
    throw error;
  }
}
