import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../db/open';
import type { Database, LedgerKind } from '../../../db/schema';
import { AppError } from '../../errors';
import type { ClientRow } from './program';
import type { AsyncAnswers } from './run';

/**
 * Rows per multi-row statement: PostgreSQL binds at most 65,535 parameters in one statement,
 * and SQLite (the twin) 32,766; ten columns a ledger entry.
 */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

/**
 * The ledger door's questions (program.ts) answered through Kysely on the caller's
 * transaction: PostgreSQL's door (issue 16), and on SQLite the twin of the synchronous door
 * (sqliteDoor.ts). Each question is one multi-row statement (a few for a batch past a
 * thousand rows), so a batch of ten thousand entries costs a handful of round trips, not
 * ten per entry. On PostgreSQL the clients of a batch are locked first, in ascending id
 * (`FOR UPDATE`): a payment and an import's call charges for one client, from two
 * instances, wait for each other instead of losing one another's balance change.
 */
export function kyselyAnswers(trx: Kysely<Database>, dialect: Dialect): AsyncAnswers {
  return {
    clients: async ({ ids }) => {
      const rows: ClientRow[] = [];
      // Ascending chunks of ascending ids: the locks are still taken in id order.
      for (const part of chunks(ids, 10_000)) {
        const query = trx.selectFrom('clients').selectAll().where('id', 'in', part).orderBy('id');
        rows.push(...(await (dialect === 'postgres' ? query.forUpdate() : query).execute()));
      }
      return rows;
    },
    entryKinds: async ({ ids }) => {
      const kinds = new Map<number, LedgerKind>();
      for (const part of chunks(ids, 10_000)) {
        for (const row of await trx.selectFrom('ledger_entries').select(['id', 'kind']).where('id', 'in', part).execute()) kinds.set(Number(row.id), row.kind);
      }
      return kinds;
    },
    setting: async ({ key }) => (await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value,
    insertEntries: async ({ rows }) => {
      const ids: (number | null)[] = [];
      for (const part of chunks(rows)) {
        const inserted = await trx
          .insertInto('ledger_entries')
          .values(part)
          .onConflict((oc) => oc.column('reference').doNothing())
          .returning(['id', 'reference'])
          .execute();
        // RETURNING gives the rows written, not those skipped: an entry with a reference is
        // found by it (unique); those without one cannot conflict, and took their ids in the
        // order of the VALUES list, so they are the unreferenced ids in ascending order.
        const byReference = new Map<string, number>();
        const unreferenced: number[] = [];
        for (const row of inserted) {
          if (row.reference === null) unreferenced.push(Number(row.id));
          else byReference.set(row.reference, Number(row.id));
        }
        unreferenced.sort((a, b) => a - b);
        let next = 0;
        for (const row of part) ids.push(row.reference == null ? (unreferenced[next++] ?? null) : (byReference.get(row.reference) ?? null));
        if (next !== unreferenced.length) {
          throw new AppError('internal', 'The ledger insert returned rows the door did not write');
        }
      }
      return ids;
    },
    insertOutbox: async ({ rows }) => {
      for (const part of chunks(rows)) await trx.insertInto('outbox').values(part).execute();
    },
    insertEmails: async ({ rows }) => {
      for (const part of chunks(rows, 200)) await trx.insertInto('email_outbox').values(part).execute();
    },
    addTotals: async ({ rows }) => {
      for (const part of chunks(rows)) {
        await trx
          .insertInto('ledger_totals')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['month', 'kind', 'client_id']).doUpdateSet((eb) => ({
              amount_micros: eb(eb.ref('ledger_totals.amount_micros'), '+', eb.ref('excluded.amount_micros')),
              entries: eb(eb.ref('ledger_totals.entries'), '+', eb.ref('excluded.entries')),
            })),
          )
          .execute();
      }
    },
    updateClients: async ({ rows }) => {
      if (dialect !== 'postgres') {
        for (const { id, set } of rows) await trx.updateTable('clients').set(set).where('id', '=', id).execute();
        return;
      }
      // PostgreSQL: one UPDATE … FROM (VALUES …) per chunk; the values typed as the columns are.
      for (const part of chunks(rows)) {
        const values = sql.join(
          part.map(
            ({ id, set }) => sql`(${id}::bigint, ${set.balance_micros}::bigint, ${set.status}::text, ${set.below_threshold}::integer, ${set.updated_at}::text)`,
          ),
        );
        await sql`update clients set balance_micros = v.balance_micros, status = v.status, below_threshold = v.below_threshold, updated_at = v.updated_at
          from (values ${values}) as v (id, balance_micros, status, below_threshold, updated_at) where clients.id = v.id`.execute(trx);
      }
    },
    insertNotices: async ({ rows }) => {
      for (const part of chunks(rows)) await trx.insertInto('notices').values(part).execute();
    },
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
