import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/open';
import { cdrCsvHeader } from '../../main/cdr';
import { dispatch } from '../../main/handlers/table';
import { createHandlerTable } from '../../main/handlers/index';
import { IMPORT_BATCH_SIZE } from '../../main/services/calls/importCalls';
import { tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';

const ROWS = 120_000;
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

async function writeCalls(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(cdrCsvHeader());
  let chunk = '';
  for (let index = 0; index < ROWS; index += 1) {
    const day = String(1 + (index % 20)).padStart(2, '0');
    const seconds = index % 7 === 0 ? 0 : 5 + (index % 300);
    chunk += `2026-12-${day} 10:${String(index % 60).padStart(2, '0')}:00,5145550100,1514555${String(index % 10000).padStart(4, '0')},Outgoing to Canada,100000_u${index % 3},${seconds === 0 ? 'NO ANSWER' : 'ANSWERED'},00:00:00,${seconds},0.01000000,0.00100000,crash-${index}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

function cli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', '--db', asSqlite(temp.store).path, ...args], { stdio: 'ignore' });
}

function callCount(path: string): number {
  const reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return (reader.prepare('select count(*) as n from calls').get() as { n: number }).n;
  } finally {
    reader.close();
  }
}

function indexesOf(path: string): { present: string[]; noted: string[] } {
  const reader = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const names = (sql: string) => reader.prepare(sql).pluck().all() as string[];
    return {
      present: names(`select name from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`),
      noted: names('select name from deferred_indexes order by name'),
    };
  } finally {
    reader.close();
  }
}

describe('an import killed mid-way', () => {
  // live: each row goes into the calls indexes as it comes; after: a bulk import, the indexes dropped until its rows are in (issue 13).
  it.each(['live', 'after'])('(indexes %s) leaves a consistent database with whole batches, and a re-run finishes with no duplicate and no gap', async (indexes) => {
    const ok = async (name: string, input: unknown) => {
      const result = await dispatch(temp.table, name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { id: number };
    };
    const pkg = await ok('packages.create', { name: 'P', markupFixed: '0', markupPercent: '10', pulseSeconds: 6 });
    for (const user of ['u0', 'u1', 'u2']) {
      const client = await ok('clients.create', { firstName: user, lastName: 'Test', email: `${user}@example.com`, balanceMode: 'soft' });
      await ok('subaccounts.create', { username: user, clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-25' });
    }
    const file = join(temp.dir, 'calls.csv');
    await writeCalls(file);
    const { path } = asSqlite(temp.store);
    const before = indexesOf(path);
    expect(before.present.length).toBeGreaterThan(0);
    await temp.store.close();

    const child = cli(['cdr', 'import', '--file', file, '--indexes', indexes]);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (callCount(path) < IMPORT_BATCH_SIZE && Date.now() < deadline) await sleep(20);
    child.kill('SIGKILL');
    await exited;

    const committed = callCount(path);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(ROWS);
    // Every committed batch is whole (no rejects in this file, so every batch is full).
    expect(committed % IMPORT_BATCH_SIZE).toBe(0);
    const reopened = await openStore(path);
    temp.store = reopened;
    temp.table = createHandlerTable({ store: reopened, host: 'headless' });
    expect(reopened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // A bulk import killed before it built the indexes again leaves them noted, and the store still answers.
    const left = indexesOf(temp.store.path);
    if (indexes === 'after') expect(left).toEqual({ present: [], noted: before.present });
    else expect(left).toEqual({ present: before.present, noted: [] });
    const page = await ok('calls.list', { status: 'all', order: 'oldest', limit: 3 }) as unknown as { rows: { callId: string }[] };
    expect(page.rows.map((row) => row.callId)).toEqual(['crash-0', 'crash-60', 'crash-120']);
    await reopened.close();

    const rerun = cli(['cdr', 'import', '--file', file]);
    const code = await new Promise<number | null>((resolve) => rerun.once('exit', resolve));
    expect(code).toBe(0);
    // The re-run built every index again.
    expect(indexesOf(temp.store.path)).toEqual({ present: before.present, noted: [] });
    const final = await openStore(temp.store.path);
    temp.store = final;
    const counts = final.sqlite.prepare('select count(*) as n, count(distinct call_id) as ids from calls').get() as { n: number; ids: number };
    expect(counts).toEqual({ n: ROWS, ids: ROWS });
    const imports = final.sqlite.prepare('select rows_added, rows_duplicate from call_imports where status = ? order by id desc limit 1').get('done') as {
      rows_added: number;
      rows_duplicate: number;
    };
    expect(imports).toEqual({ rows_added: ROWS - committed, rows_duplicate: committed });
    // The ledger caught up with every call, including those of the killed run.
    const money = final.sqlite
      .prepare(
        `select (select coalesce(sum(charge_micros), 0) from calls where status = 'rated') as charged,
                (select coalesce(sum(amount_micros), 0) from ledger_entries where kind = 'calls') as posted,
                (select count(*) from call_charge_dirty) as dirty`,
      )
      .get() as { charged: number; posted: number; dirty: number };
    expect(money.posted).toBe(-money.charged);
    expect(money.dirty).toBe(0);
  }, 120_000);
});
