/** Database states tests seed directly: what an older version, or a killed process, left behind. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Database } from '../../db/schema';
import { MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';

/**
 * Leaves a client's balance at the lowest the app holds (−1,000,000,000.00), as 1,000
 * maximal charges (−1,000,000.00 each) through the ledger door would: every entry and the
 * balance in range, so startup reports nothing, but the next fee the door is asked to post
 * would take the balance past the limit and is refused. Raw SQL so that a test of another
 * process (the e2e host's database file) can seed it too.
 */
export function fillBalanceToLimit(sqlite: BetterSqlite3.Database, clientId: number, occurredOn: string): void {
  const insert = sqlite.prepare(
    `insert into ledger_entries (client_id, kind, amount_micros, description, occurred_on, created_at) values (?, 'charge', ?, 'Large charge', ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let index = 0; index < MAX_BALANCE_MICROS / MAX_ENTRY_MICROS; index += 1) insert.run(clientId, -MAX_ENTRY_MICROS, occurredOn, `${occurredOn}T00:00:00.000Z`);
    sqlite.prepare('update clients set balance_micros = ? where id = ?').run(-MAX_BALANCE_MICROS, clientId);
  })();
}

/** The same state as fillBalanceToLimit, written through Kysely: for a test's own store, on either store (issue 16). */
export async function fillBalanceToLimitIn(db: Kysely<Database>, clientId: number, occurredOn: string): Promise<void> {
  const charges = Array.from({ length: MAX_BALANCE_MICROS / MAX_ENTRY_MICROS }, () => ({
    client_id: clientId,
    kind: 'charge' as const,
    amount_micros: -MAX_ENTRY_MICROS,
    description: 'Large charge',
    occurred_on: occurredOn,
    created_at: `${occurredOn}T00:00:00.000Z`,
  }));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('ledger_entries').values(charges).execute();
    await trx.updateTable('clients').set({ balance_micros: -MAX_BALANCE_MICROS }).where('id', '=', clientId).execute();
  });
}

/** A process id that names no live process (short of reuse): the process of a killed import. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** What the database holds of an import whose process was killed before its last update. */
export function recordKilledImport(sqlite: BetterSqlite3.Database, pid: number, source = 'november.csv'): number {
  const result = sqlite
    .prepare(`insert into call_imports (source, format, started_at, status, pid) values (?, 'voipms-csv', '2026-11-20T10:00:00.000Z', 'running', ?)`)
    .run(source, pid);
  return Number(result.lastInsertRowid);
}
