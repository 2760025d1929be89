import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { openStore, type SqliteStore } from '../../db/open';
import { parseCdrFile } from '../../main/cdr';
import { IMPORT_BATCH_SIZE, importCalls } from '../../main/services/calls/importCalls';
import { rerateOpenCycles } from '../../main/services/calls/rerate';
import { createContext } from '../../main/services/context';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { setWorkerEntry } from '../../main/workers/pool';
import { deferCallIndexes, restoreCallIndexes } from '../../main/services/calls/deferredIndexes';
import { CALL_COLUMNS, callValuesInOrder, prepareCallStatements, type CallValues } from '../../main/services/calls/statements';
import { BENCH_NOW } from './fixture';
import { benchCdr } from './cdr';
import { benchInvoices } from './invoices';
import { benchReportsChild } from './reports';

/**
 * One measurement per process, so each peak RSS is its own. Prints one JSON line.
 *   floor  SETUP IMPORTED WORK  raw prepared inserts of the rows the import stored (rated,
 *                               with their clients and packages) into the calls table
 *   physical CSV WORK       the physical floor (issue 13): SQLite alone inserting the file's
 *                           calls, in the file's order, into a table with only the provider's
 *                           call id unique (no other index, no foreign key); parsing untimed
 *   stored SETUP IMPORTED WORK  SQLite alone storing what the import keeps (issue 13): the rows
 *                           it stored, read back untimed, into the calls table with only the
 *                           call id unique, then its five indexes built, then the WAL
 *                           checkpointed; each step timed
 *   bare   SETUP CSV WORK   raw prepared inserts of the file's rows, rating columns NULL
 *   import SETUP CSV WORK   import + rate + persist through the real service
 *   rerate DB CLIENT_PACKAGE re-rate one client's open cycle
 *   invoices DB WORK [N]    issue N (1,000) invoices on a copy of the imported database, then export their PDFs
 *   reports DB              the financial report and per-client month totals, beside their floors
 *   waits  SETUP CSV WORK   the window's requests (payments, client and call lists, a
 *                           client's page) sent every REQUEST_EVERY_MS during the import,
 *                           and the same requests with no import, for comparison
 */
const [mode = '', first = '', second = '', work = ''] = process.argv.slice(2);
// The export workers as the app ships them (electron-vite's out/main/worker.js, which run.ts
// builds first), not TypeScript compiled again in each worker thread by tsx.
if (process.env.BENCH_WORKER) setWorkerEntry(process.env.BENCH_WORKER);
const now = () => BENCH_NOW;

async function bare(): Promise<Record<string, number>> {
  copyFileSync(first, work);
  const store = await openStore(work);
  // Parsing is not timed here: the floor is SQLite alone, the same rows into the same table and indexes.
  const rows: (string | number | null)[][] = [];
  for await (const batch of parseCdrFile(second, undefined, { batchSize: IMPORT_BATCH_SIZE })) {
    for (const cdr of batch.good) {
      const values: CallValues = {
        call_id: cdr.callId, started_at: cdr.startedAt, account: cdr.account, caller_id: cdr.callerId, destination: cdr.destination,
        description: cdr.description, direction: cdr.direction, disposition: cdr.disposition, seconds: cdr.seconds,
        cost_rate_e8: cdr.costRate ?? 0, cost_micros: cdr.costTotal ?? 0, did_number: cdr.didNumber, subaccount_id: null, client_id: null,
        client_package_id: null, package_id: null, cycle_start: null, status: 'unrated', unrated_reason: null, rule: null,
        custom_rate_id: null, free_zone: 0, sell_rate_e8: 0, billed_seconds: 0, free_seconds: 0, free_minutes_used: 0, charge_micros: 0,
        country: null, import_id: null,
      };
      rows.push(callValuesInOrder(values));
    }
  }
  return insertTimed(store, rows);
}

async function physical(): Promise<Record<string, number>> {
  const rows: (string | number | null)[][] = [];
  for await (const batch of parseCdrFile(first, undefined, { batchSize: IMPORT_BATCH_SIZE })) {
    for (const cdr of batch.good) {
      rows.push([cdr.callId, cdr.startedAt, cdr.account, cdr.callerId, cdr.destination, cdr.description, cdr.disposition, cdr.seconds, cdr.costRate ?? 0, cdr.costTotal ?? 0]);
    }
  }
  // The store's own settings (db/open.ts): WAL, synchronous NORMAL, a 64 MB cache.
  const sqlite = new BetterSqlite3(second);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -65536');
  sqlite.exec(`create table calls (
    id integer primary key, call_id text not null unique, started_at text not null, account text not null, caller_id text not null,
    destination text not null, description text not null, disposition text not null, seconds integer not null,
    cost_rate_e8 integer not null, cost_micros integer not null
  ) strict`);
  const insert = sqlite.prepare(
    'insert into calls (call_id, started_at, account, caller_id, destination, description, disposition, seconds, cost_rate_e8, cost_micros) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const started = process.hrtime.bigint();
  sqlite.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sqlite.close();
  return { rows: rows.length, seconds };
}

/**
 * The floor: the very rows the import stored, read back untimed, inserted in one
 * transaction into a copy of the same starting database (same table, indexes, foreign keys).
 */
async function floor(): Promise<Record<string, number>> {
  const imported = await openStore(second);
  const importIds = imported.sqlite.prepare('select distinct import_id from calls where import_id is not null').pluck().all() as number[];
  const newest = Math.max(...importIds);
  const rows = imported.sqlite
    .prepare(`select ${CALL_COLUMNS.join(', ')} from calls where import_id = ? order by id`)
    .raw()
    .all(newest) as (string | number | null)[][];
  await imported.close();
  copyFileSync(first, work);
  const store = await openStore(work);
  await store.db.insertInto('call_imports').values({ id: newest, source: 'floor', format: 'voipms-csv', started_at: BENCH_NOW.toISOString(), finished_at: null, status: 'running' }).execute();
  return insertTimed(store, rows);
}

/**
 * What the import's design costs SQLite alone, with no parsing, rating or ledger: the rows as
 * stored (rated, 30 columns) written the way a bulk import writes them (secondary indexes
 * dropped, foreign key lookups off, no checkpoint until the end), the indexes built after, and
 * the WAL checkpointed into the database file.
 */
async function stored(): Promise<Record<string, number>> {
  const imported = await openStore(second);
  const rows = imported.sqlite
    .prepare(`select ${CALL_COLUMNS.join(', ')} from calls where import_id = (select max(import_id) from calls) order by id`)
    .raw()
    .all() as (string | number | null)[][];
  await imported.close();
  copyFileSync(first, work);
  const store = await openStore(work);
  deferCallIndexes(store.db, store.sqlite);
  const statements = prepareCallStatements(store.db, store.sqlite);
  const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
  const started = process.hrtime.bigint();
  store.sqlite.pragma('foreign_keys = OFF');
  store.sqlite.pragma('wal_autocheckpoint = 0');
  store.sqlite.transaction(() => {
    for (const row of rows) statements.insert.run(row);
  })();
  const rowsSeconds = seconds(started);
  store.sqlite.pragma('foreign_keys = ON');
  restoreCallIndexes(store.db, store.sqlite);
  const indexesSeconds = seconds(started) - rowsSeconds;
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const total = seconds(started);
  await store.close();
  return { rows: rows.length, seconds: total, rowsSeconds, indexesSeconds, checkpointSeconds: total - rowsSeconds - indexesSeconds };
}

async function insertTimed(store: SqliteStore, rows: (string | number | null)[][]): Promise<Record<string, number>> {
  const statements = prepareCallStatements(store.db, store.sqlite);
  const started = process.hrtime.bigint();
  store.sqlite.transaction(() => {
    for (const row of rows) statements.insert.run(row);
  })();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return { rows: rows.length, seconds };
}

async function runImport(): Promise<Record<string, number>> {
  copyFileSync(first, work);
  const store = await openStore(work);
  const started = process.hrtime.bigint();
  const result = await importCalls(store, parseCdrFile(second, undefined, { batchSize: IMPORT_BATCH_SIZE }), { source: second, format: 'voipms-csv', now });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return { rows: result.added, rated: result.rated, unrated: result.unrated, rejected: result.rejected, seconds };
}

async function rerate(): Promise<Record<string, number>> {
  const store = await openStore(first);
  const started = process.hrtime.bigint();
  const result = await rerateOpenCycles(createContext(store, now), { clientPackageId: Number(second), apply: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return { rows: result.calls, seconds };
}

/** One request every 100 ms: a busy window (lists refreshing, a payment typed every 400 ms). */
const REQUEST_EVERY_MS = 100;

type Request = { name: string; input: unknown; write: boolean };

/**
 * Sends `requests` in turn, one every REQUEST_EVERY_MS on the clock (not after the last
 * answer: a window does not wait), until `until` settles. A request's wait runs from when
 * it was due, so a busy event loop that sends it late still counts (no coordinated omission).
 */
async function timedRequests(table: ReturnType<typeof createHandlerTable>, requests: Request[], until: Promise<unknown>): Promise<{ write: number[]; read: number[] }> {
  const waits = { write: [] as number[], read: [] as number[] };
  let done = false;
  void until.finally(() => (done = true));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; !done; index += 1) {
    const due = started + index * REQUEST_EVERY_MS;
    const ahead = due - performance.now();
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
    if (done) break;
    const request = requests[index % requests.length]!;
    pending.push(
      dispatch(table, request.name, request.input).then((result) => {
        if (!result.ok) throw new Error(`${request.name}: ${result.error.message}`);
        (request.write ? waits.write : waits.read).push(performance.now() - due);
      }),
    );
  }
  await Promise.all(pending);
  return waits;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

async function waits(): Promise<Record<string, number>> {
  copyFileSync(first, work);
  const store = await openStore(work);
  const table = createHandlerTable({ store, host: 'headless', now });
  const clients = store.sqlite.prepare("select id from clients where status = 'active' order by id limit 4").pluck().all() as number[];
  const requests: Request[] = clients.flatMap((clientId, index) => [
    { name: 'clients.payment', input: { clientId, amount: '1.00', description: 'bench' }, write: true },
    { name: 'clients.list', input: { search: '', status: 'open' }, write: false },
    { name: index % 2 === 0 ? 'clients.manage' : 'calls.list', input: index % 2 === 0 ? { id: clientId } : { clientId, limit: 200 }, write: false },
    { name: 'notices.list', input: undefined, write: false },
  ]);
  // The same requests for 10 s without an import: what they cost on their own.
  const idle = await timedRequests(table, requests, new Promise((resolve) => setTimeout(resolve, 10_000)));
  const started = process.hrtime.bigint();
  const imported = importCalls(store, parseCdrFile(second, undefined, { batchSize: IMPORT_BATCH_SIZE }), { source: second, format: 'voipms-csv', now });
  const during = await timedRequests(table, requests, imported);
  const result = await imported;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return {
    rows: result.added,
    seconds,
    requests: during.write.length + during.read.length,
    writeP50: percentile(during.write, 50),
    writeP95: percentile(during.write, 95),
    writeMax: percentile(during.write, 100),
    readP50: percentile(during.read, 50),
    readP95: percentile(during.read, 95),
    readMax: percentile(during.read, 100),
    idleP95: percentile([...idle.write, ...idle.read], 95),
  };
}

// cdr DB: the Global CDR's page, last page, totals and CSV export (tests/bench/cdr.ts).
const cdr = () => benchCdr(first);
const run = mode === 'cdr' ? cdr : mode === 'physical' ? physical : mode === 'floor' ? floor : mode === 'stored' ? stored : mode === 'bare' ? bare : mode === 'import' ? runImport : mode === 'rerate' ? rerate : mode === 'waits' ? waits : mode === 'reports' ? () => benchReportsChild(first) : mode === 'invoices' ? () => benchInvoices(first, second, now, work ? Number(work) : undefined) : null;
if (!run) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
const figures = await run();
process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
