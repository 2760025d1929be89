import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openStore, type SqliteStore } from '../../db/open';
import { prepareNames } from '../../main/services/calls/cdrCsv';
import { CallExports, selectCsvLines } from '../../main/services/calls/cdrExport';
import { countryOptions } from '../../main/services/countries';
import { callTotals, listCalls, seekPage, totalsQuery } from '../../main/services/calls/queries';
import { createContext } from '../../main/services/context';
import { exportsFolder } from '../../main/services/exportTargets';
import type { CallFilterData, CallSeek } from '../../preload/schemas/calls';

/**
 * Issue 11's Global CDR figures on the bench's 1M-call database, each beside the raw-SQL
 * floor: the same SQL (compiled by the same Kysely query) run straight on better-sqlite3,
 * with no mapping to views, no decimals, no CSV.
 */
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function timed(work: () => unknown): Promise<number> {
  await work(); // warm: statement cache, pages in the OS cache
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Number(median(times).toFixed(2));
}

/** Reads a file from start to end (into the OS cache), a megabyte at a time. */
function readWholeFile(path: string): void {
  const handle = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    while (readSync(handle, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(handle);
  }
}

/** The client with the most calls, over its busiest calendar month: the filter a reseller looks at. */
function busiestClientMonth(store: SqliteStore): NonNullable<CallFilterData> {
  const { client_id: clientId, month } = store.sqlite
    .prepare(`select client_id, substr(started_at, 1, 7) as month from calls where client_id is not null group by client_id, month order by count(*) desc limit 1`)
    .get() as { client_id: number; month: string };
  return { clientId, from: `${month}-01`, to: `${month}-31`, status: 'all' };
}

export async function benchCdr(dbPath: string): Promise<Record<string, number>> {
  const store = await openStore(dbPath);
  try {
    const filter = busiestClientMonth(store);
    const list = (seek: CallSeek) => ({ ...filter, order: 'newest' as const, seek, limit: 200 });
    const rawPage = (seek: CallSeek) => {
      const compiled = seekPage(filter, store, 'newest', seek, 200)
        .query.leftJoin('clients', 'clients.id', 'calls.client_id')
        .selectAll('calls')
        .select(['clients.first_name', 'clients.last_name', 'clients.company'])
        .compile();
      const statement = store.sqlite.prepare(compiled.sql);
      return () => statement.all(...compiled.parameters);
    };
    const totalsCompiled = totalsQuery(store, filter).compile();
    const totalsStatement = store.sqlite.prepare(totalsCompiled.sql).safeIntegers(true);
    const filterCalls = (await callTotals(store, filter)).calls;

    const figures: Record<string, number> = {
      filterCalls,
      pageMs: await timed(() => listCalls(store, list('first'))),
      pageFloorMs: await timed(rawPage('first')),
      lastPageMs: await timed(() => listCalls(store, list('last'))),
      lastPageFloorMs: await timed(rawPage('last')),
      totalsMs: await timed(() => callTotals(store, filter)),
      totalsFloorMs: await timed(() => totalsStatement.get(...totalsCompiled.parameters)),
    };

    // The CSV of every call, newest first, through the real service (batches, events, the file).
    // The database file is read once first: its floor below finds it in the OS cache (the
    // export read it), so the export must too. This machine evicts files idle for a minute or
    // two (DAMON reclaim): the same export took 13 s reading the file from disk, 4.3 s after.
    readWholeFile(dbPath);
    const folder = join(dirname(dbPath), 'cdr-export');
    const exports = new CallExports(createContext(store), exportsFolder(folder));
    let started = process.hrtime.bigint();
    const begun = await exports.start({ status: 'all', order: 'newest' });
    if (!begun.started) throw new Error('the export did not start');
    const ended = await exports.finished(begun.exportId);
    figures.exportSeconds = Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2));
    figures.exportRows = ended.rows;
    rmSync(folder, { recursive: true, force: true });
    // Its floor: SQLite making the same lines (the same printf) for the same rows in the same
    // order, one statement on one thread, each line read and dropped: nothing written.
    prepareNames(store.sqlite, countryOptions().map((country) => [country.code, country.name] as const));
    const all = selectCsvLines(seekPage({ status: 'all' }, store, 'newest', 'first', Number.MAX_SAFE_INTEGER - 1).query).compile();
    started = process.hrtime.bigint();
    let rows = 0;
    for (const _row of store.sqlite.prepare(all.sql).raw().iterate(...all.parameters)) rows += 1;
    figures.exportFloorSeconds = Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2));
    figures.exportFloorRows = rows;
    return figures;
  } finally {
    await store.close();
  }
}
