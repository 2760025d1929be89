import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEngine, type BenchFigure } from './engine';
import { BENCH_CALLS, buildFixture, HEAVY_CALLS, type BenchFixture } from './fixture';
import { reportFigures } from './reports';
import { timedCliImport, type CliImportFigures } from './cliImport';
import { benchPostgres } from './postgres';

/**
 * `npm run bench`: prints the figures the issues ask for, measured in this run. No
 * timing is asserted anywhere; goals are printed beside the figures.
 */
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

/** The built worker of the export pool, when the build succeeded (see child.ts). */
let builtWorker: string | null = null;

function child(args: string[]): Record<string, number> {
  // What an earlier child wrote is flushed to disk first: its writeback is not this one's time.
  spawnSync('sync');
  const env = builtWorker ? { ...process.env, BENCH_WORKER: builtWorker } : process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/child.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20, env });
  if (result.status !== 0) throw new Error(`bench child ${args[0]} failed:\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

/** Issue 13's CLI import on a copy of the starting database. */
function cliImport(setupDb: string, csv: string, work: string): CliImportFigures {
  copyFileSync(setupDb, work);
  return timedCliImport(work, csv);
}

/** What buildFixture writes and a kept BENCH_DIR reuses. */
const KEPT_FIXTURE = /^(setup\.db|calls(-reverse|-shuffled)?\.csv|heavy\.csv|fixture\.json)$/;

const figures: BenchFigure[] = [];
const only = process.argv.slice(2);
/**
 * No target: engine and import (SQLite), as before issue 16. `postgres` runs only when asked
 * (`npm run bench -- postgres`): it needs a PostgreSQL server (RC_TEST_PG, or the packages
 * scripts/pg-test-cluster.sh starts one with) and another quarter hour.
 */
const TARGETS = ['engine', 'import', 'postgres'];
const DEFAULT_TARGETS = ['engine', 'import'];
for (const name of only) {
  if (!TARGETS.includes(name)) {
    console.error(`unknown bench target "${name}": npm run bench [-- ${TARGETS.join(' | ')} …]`);
    process.exit(2);
  }
}
const wanted = (name: string): boolean => (only.length === 0 ? DEFAULT_TARGETS.includes(name) : only.includes(name));

/**
 * The folder of the fixture (minutes to build), made once for the targets that need it.
 * BENCH_DIR=/some/dir keeps it for the next run; a kept folder keeps only its fixture: a
 * database left by an earlier run (and its WAL) goes.
 */
let benchDir: string | null = null;
const fixtureFigure = (fixture: BenchFixture): BenchFigure => ({ name: `fixture: 2,000 clients, 5,000 DIDs, ${BENCH_CALLS.toLocaleString('en-US')}-call CSV built in`, value: fixture.setupSeconds, unit: 's' });
function fixtureDir(): string {
  if (benchDir) return benchDir;
  const kept = process.env.BENCH_DIR;
  if (kept) {
    mkdirSync(kept, { recursive: true });
    for (const name of readdirSync(kept)) if (!KEPT_FIXTURE.test(name)) rmSync(join(kept, name), { recursive: true, force: true });
  }
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'rc-bench-'));
  // A temp folder goes when the bench ends, finished or failed (a 1M-call database is gigabytes).
  if (!kept) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  benchDir = dir;
  return dir;
}

if (wanted('engine')) {
  log('engine: rating 1,000,000 calls against 500 custom rates…');
  figures.push(...(await benchEngine()));
}

if (wanted('import')) {
  log('building the app (its export workers are measured as they ship)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (build.status === 0 && existsSync('out/main/worker.js')) builtWorker = join(process.cwd(), 'out/main/worker.js');
  else log('the build failed: the export workers run from TypeScript (tsx) instead');
  const dir = fixtureDir();
  const fixture = await buildFixture(dir, log);
  figures.push(fixtureFigure(fixture));
  // Issue 13: each file order, the whole CLI import against SQLite alone inserting the same calls.
  let imported: Record<string, number> = {};
  for (const order of fixture.orders) {
    log(`physical floor, ${order.name}: SQLite inserting the calls with only the call id unique…`);
    rmSync(join(dir, 'physical.db'), { force: true });
    rmSync(join(dir, 'physical.db-wal'), { force: true });
    const physical = child(['physical', order.csv, join(dir, 'physical.db')]);
    log(`import, ${order.name}: the CLI process, start to exit…`);
    const work = order.csv === fixture.callsCsv ? join(dir, 'import.db') : join(dir, 'import-order.db');
    const cli = cliImport(fixture.setupDb, order.csv, work);
    if (order.csv === fixture.callsCsv) imported = { rows: cli.added, rated: cli.rated, unrated: cli.unrated, rejected: cli.rejected, seconds: cli.seconds, maxRssMb: cli.maxRssMb };
    figures.push(
      { name: `${order.name}: physical floor (${physical.rows!.toLocaleString('en-US')} calls, only the call id unique)`, value: Math.round(physical.rows! / physical.seconds!), unit: 'rows/s' },
      { name: `${order.name}: whole CLI import (process start to exit), ${cli.seconds.toFixed(1)} s`, value: Math.round(cli.added / cli.seconds), unit: 'calls/s', goal: '≥ 80,000' },
      { name: `${order.name}: import time / physical floor time`, value: Number((cli.seconds / physical.seconds!).toFixed(2)), unit: '×', goal: '≤ 2.5' },
      { name: `${order.name}: re-ratings per imported call (${cli.rerated.toLocaleString('en-US')} re-ratings)`, value: Number((cli.rerated / Math.max(1, cli.added)).toFixed(3)), unit: 'per call', goal: '≤ 1' },
      { name: `${order.name}: peak RSS of the import process`, value: cli.maxRssMb, unit: 'MB', goal: '≤ 400' },
    );
    if (existsSync(join(dir, 'import-order.db'))) rmSync(join(dir, 'import-order.db'));
  }
  log('SQLite alone storing what the import keeps: its rows, then the five indexes, then the checkpoint…');
  rmSync(join(dir, 'physical.db'), { force: true });
  rmSync(join(dir, 'physical.db-wal'), { force: true });
  const physicalAgain = child(['physical', fixture.callsCsv, join(dir, 'physical.db')]);
  const design = child(['stored', fixture.setupDb, join(dir, 'import.db'), join(dir, 'stored.db')]);
  figures.push(
    {
      name: `SQLite alone storing what the import keeps (no parsing, rating or ledger): rows ${design.rowsSeconds!.toFixed(1)} s + five indexes ${design.indexesSeconds!.toFixed(1)} s + checkpoint ${design.checkpointSeconds!.toFixed(1)} s = ${design.seconds!.toFixed(1)} s`,
      value: Math.round(design.rows! / design.seconds!),
      unit: 'rows/s',
    },
    { name: `  that time / the physical floor time measured beside it (${physicalAgain.seconds!.toFixed(1)} s)`, value: Number((design.seconds! / physicalAgain.seconds!).toFixed(2)), unit: '×' },
  );
  log('floor: raw prepared inserts of the rows the import stored…');
  const floor = child(['floor', fixture.setupDb, join(dir, 'import.db'), join(dir, 'floor.db')]);
  log('floor without rating: the same calls with the rating columns NULL…');
  const bare = child(['bare', fixture.setupDb, fixture.callsCsv, join(dir, 'bare.db')]);
  log('re-rating one client cycle of 10,000 calls…');
  const rerated = child(['rerate', join(dir, 'import.db'), String(fixture.heavyClientPackageId)]);
  log('the window\'s requests during the import (one every 100 ms)…');
  const waited = child(['waits', fixture.setupDb, fixture.callsCsv, join(dir, 'waits.db')]);
  const calls = BENCH_CALLS.toLocaleString('en-US');
  figures.push(
    { name: `same-table floor: raw better-sqlite3 insert of the ${calls} rows as stored (calls table, its indexes, foreign keys)`, value: Math.round(floor.rows! / floor.seconds!), unit: 'rows/s' },
    { name: '  oldest-first CLI import time / that same-table floor time', value: Number((imported.seconds! / floor.seconds!).toFixed(2)), unit: '×' },
    { name: `calls imported (rated / unrated / rejected: ${imported.rated} / ${imported.unrated} / ${imported.rejected})`, value: imported.rows!, unit: 'calls' },
    { name: `window requests during the import: ${waited.requests} (payments, client and call lists, a client's page), p95 wait`, value: Math.max(waited.writeP95!, waited.readP95!), unit: 'ms', goal: '≤ 250' },
    { name: `  payments: p50 / max ${waited.writeP50} / ${waited.writeMax} ms; reads: p50 / max ${waited.readP50} / ${waited.readMax} ms; same requests with no import, p95`, value: waited.idleP95!, unit: 'ms' },
    { name: 'import while those requests run', value: Math.round(waited.rows! / waited.seconds!), unit: 'calls/s' },
    { name: `re-rating one client's cycle of ${HEAVY_CALLS.toLocaleString('en-US')} calls`, value: Math.round(rerated.seconds! * 1000), unit: 'ms' },
    { name: 'for reference: insert of the same calls with rating columns NULL (no client, package)', value: Math.round(bare.rows! / bare.seconds!), unit: 'rows/s' },
    { name: 'for reference: import time / that insert time', value: Number((imported.seconds! / bare.seconds!).toFixed(2)), unit: '×' },
  );
  // Issue 11: the Global CDR on the database the import built (tests/bench/cdr.ts).
  log('Global CDR: a page, the last page, totals, the CSV of every call…');
  const cdr = child(['cdr', join(dir, 'import.db')]);
  figures.push(
    { name: `Global CDR page of 200 (client + month: ${cdr.filterCalls!.toLocaleString('en-US')} calls); raw SQL floor ${cdr.pageFloorMs} ms`, value: cdr.pageMs!, unit: 'ms', goal: '≤ 20' },
    { name: `  its last page (seek from the other end); raw SQL floor ${cdr.lastPageFloorMs} ms`, value: cdr.lastPageMs!, unit: 'ms', goal: '≤ 20' },
    { name: `  totals of that filter (count, minutes, cost, sell, profit); raw SQL floor ${cdr.totalsFloorMs} ms`, value: cdr.totalsMs!, unit: 'ms', goal: '≤ 50' },
    { name: `CSV export of all ${cdr.exportRows!.toLocaleString('en-US')} calls (streamed, on ${builtWorker ? 'the built' : 'tsx'} worker threads); SQLite making the same lines on one thread ${cdr.exportFloorSeconds} s`, value: cdr.exportSeconds!, unit: 's', goal: '≤ 5' },
  );
  log('invoices: 1,000 issued on the imported month, then their PDFs exported…');
  const invoiced = child(['invoices', join(dir, 'import.db'), join(dir, 'invoices.db')]);
  figures.push(
    { name: `issuing ${invoiced.invoices} invoices (${invoiced.lines} lines, taxes posted), one transaction each`, value: Number(invoiced.issueSeconds!.toFixed(2)), unit: 's' },
    { name: `${invoiced.pdfs} invoice PDFs written (${invoiced.pages} pages)`, value: Number(invoiced.pdfSeconds!.toFixed(2)), unit: 's', goal: '≤ 20' },
  );
  // Issue 11: the reports read rollups written with the calls; on the 1M-call database the import built.
  log('reports: financial report and per-client month totals on the imported database…');
  figures.push(...reportFigures(child(['reports', join(dir, 'import.db')])));
}

// Issue 16: the same import and reports on PostgreSQL (tests/bench/postgres.ts).
if (wanted('postgres')) {
  const dir = fixtureDir();
  const fixture = await buildFixture(dir, log);
  if (!wanted('import')) figures.push(fixtureFigure(fixture));
  figures.push(...(await benchPostgres(fixture, dir, log)));
}

const width = Math.max(...figures.map((figure) => figure.name.length));
console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(14)}  unit      goal`);
for (const figure of figures) {
  const value = figure.waits ? '—' : figure.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const goal = figure.waits ? `waits for ${figure.waits}` : (figure.goal ?? '');
  console.log(`${figure.name.padEnd(width)}  ${value.padStart(14)}  ${figure.unit.padEnd(8)}  ${goal}`);
}
