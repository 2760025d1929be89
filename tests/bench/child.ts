import { copyFileSync } from 'node:fs';
import { openStore, type Store } from '../../db/open';
import { parseCdrFile } from '../../main/cdr';
import { IMPORT_BATCH_SIZE, importCalls } from '../../main/services/calls/importCalls';
import { rerateOpenCycles } from '../../main/services/calls/rerate';
import { createContext } from '../../main/services/context';
import { CALL_COLUMNS, callValuesInOrder, prepareCallStatements, type CallValues } from '../../main/services/calls/statements';
import { BENCH_NOW } from './fixture';

/**
 * One measurement per process, so each peak RSS is its own. Prints one JSON line.
 *   floor  SETUP IMPORTED WORK  raw prepared inserts of the rows the import stored (rated,
 *                               with their clients and packages) into the calls table
 *   bare   SETUP CSV WORK   raw prepared inserts of the file's rows, rating columns NULL
 *   import SETUP CSV WORK   import + rate + persist through the real service
 *   rerate DB CLIENT_PACKAGE re-rate one client's open cycle
 */
const [mode = '', first = '', second = '', work = ''] = process.argv.slice(2);
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

async function insertTimed(store: Store, rows: (string | number | null)[][]): Promise<Record<string, number>> {
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

const run = mode === 'floor' ? floor : mode === 'bare' ? bare : mode === 'import' ? runImport : mode === 'rerate' ? rerate : null;
if (!run) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
const figures = await run();
process.stdout.write(`${JSON.stringify({ ...figures, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
