import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEngine, type BenchFigure } from './engine';
import { BENCH_CALLS, buildFixture, HEAVY_CALLS } from './fixture';
import { reportFigures } from './reports';

/**
 * `npm run bench`: prints the figures the issues ask for, measured in this run. No
 * timing is asserted anywhere; goals are printed beside the figures.
 */
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

function child(args: string[]): Record<string, number> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/child.ts', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`bench child ${args[0]} failed:\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

const figures: BenchFigure[] = [];
const only = process.argv.slice(2);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

if (wanted('engine')) {
  log('engine: rating 1,000,000 calls against 500 custom rates…');
  figures.push(...(await benchEngine()));
}

if (wanted('import')) {
  const dir = mkdtempSync(join(tmpdir(), 'rc-bench-'));
  try {
    const fixture = await buildFixture(dir, log);
    figures.push({ name: 'fixture: 2,000 clients, 5,000 DIDs, 1M-call CSV built in', value: fixture.setupSeconds, unit: 's' });
    log('import: parse + rate + persist…');
    const imported = child(['import', fixture.setupDb, fixture.callsCsv, join(dir, 'import.db')]);
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
      { name: `floor: raw better-sqlite3 insert of the ${calls} rows as stored (calls table, indexes, foreign keys)`, value: Math.round(floor.rows! / floor.seconds!), unit: 'rows/s' },
      { name: 'import + rate + persist of the 1M-call CSV (incl. ledger posting, WAL checkpoint)', value: Math.round(imported.rows! / imported.seconds!), unit: 'calls/s', goal: '≥ 250,000' },
      { name: 'import time / floor time', value: Number((imported.seconds! / floor.seconds!).toFixed(2)), unit: '×', goal: '≤ 2.0' },
      { name: `calls imported (rated / unrated / rejected: ${imported.rated} / ${imported.unrated} / ${imported.rejected})`, value: imported.rows!, unit: 'calls' },
      { name: 'peak RSS of the import', value: imported.maxRssMb!, unit: 'MB', goal: '≤ 400' },
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
      { name: `CSV export of all ${cdr.exportRows!.toLocaleString('en-US')} calls (streamed, on worker threads); SQLite making the same lines on one thread ${cdr.exportFloorSeconds} s`, value: cdr.exportSeconds!, unit: 's', goal: '≤ 5' },
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const width = Math.max(...figures.map((figure) => figure.name.length));
console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(14)}  unit      goal`);
for (const figure of figures) {
  const value = figure.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  console.log(`${figure.name.padEnd(width)}  ${value.padStart(14)}  ${figure.unit.padEnd(8)}  ${figure.goal ?? ''}`);
}
