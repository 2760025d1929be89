import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { BillingRunResult } from '../../preload/schemas/clients';
import { LIMIT_TEXT, MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';

export interface OutOfRangeClient {
  id: number;
  name: string;
}

/**
 * Issue 9: a database written before the money limits may hold a balance or an entry
 * the app cannot compute with. Startup must not depend on such a row: it finds the
 * clients, says so (a log line and one notice per client naming them) and the host goes
 * on; the caller leaves these clients out of the automatic work. A reseller corrects
 * them with a reversal, which the ledger door lets through because it moves the
 * balance back towards zero. Kysely on either store (issue 16).
 */
export async function findOutOfRangeClients(db: Kysely<Database>, now: Date): Promise<OutOfRangeClient[]> {
  // Comparisons, not abs(): abs() of the smallest 64-bit integer is an SQL error (on both stores).
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name'])
    .where((eb) =>
      eb.or([
        eb('balance_micros', '>', MAX_BALANCE_MICROS),
        eb('balance_micros', '<', -MAX_BALANCE_MICROS),
        eb(
          'id',
          'in',
          eb
            .selectFrom('ledger_entries')
            .select('client_id')
            .where((entry) => entry.or([entry('amount_micros', '>', MAX_ENTRY_MICROS), entry('amount_micros', '<', -MAX_ENTRY_MICROS)])),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
  const found: OutOfRangeClient[] = [];
  for (const row of rows) {
    const name = `${row.first_name} ${row.last_name}`;
    const message =
      `${name}'s balance or a ledger entry is out of range (an entry is at most ${LIMIT_TEXT.entry}, a balance within ±${LIMIT_TEXT.balance}): ` +
      'automatic billing skips this client until the entry is reversed';
    console.warn(`[startup] client ${row.id}: ${message}`);
    await raiseBillingNotice(db, row.id, message, now);
    found.push({ id: row.id, name });
  }
  return found;
}

/** One unread 'billing' notice per client and message: a start that finds the same again adds none. */
async function raiseBillingNotice(db: Kysely<Database>, clientId: number, message: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const noticed = await trx
      .selectFrom('notices')
      .select('id')
      .where('client_id', '=', clientId)
      .where('kind', '=', 'billing')
      .where('message', '=', message)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (!noticed) await trx.insertInto('notices').values({ client_id: clientId, kind: 'billing', message, created_at: now.toISOString() }).execute();
  });
}

/**
 * The start's billing run bills on its own, with no one watching: a client package it had
 * to skip (the ledger door refused the fee, e.g. a balance at its limit) is said in the log
 * and as a notice (the Dashboard's "Recent notices", the client's page), not only in the
 * result nobody reads.
 */
export async function reportSkippedBilling(db: Kysely<Database>, skipped: BillingRunResult['skipped'], now: Date): Promise<void> {
  for (const skip of skipped) {
    const message = `Automatic billing skipped ${skip.clientName} (the cycle stays due): ${skip.message}`;
    console.warn(`[startup] client ${skip.clientId}: ${message}`);
    await raiseBillingNotice(db, skip.clientId, message, now);
  }
}
