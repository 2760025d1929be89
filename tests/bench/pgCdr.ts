import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { PgStore } from '../../db/open';
import { CallExports } from '../../main/services/calls/cdrExport';
import { csvLinesQueryPg } from '../../main/services/calls/cdrCsvPg';
import { callTotals, listCalls, seekPage, totalsQuery } from '../../main/services/calls/queries';
import { createContext } from '../../main/services/context';
import { exportsFolder } from '../../main/services/exportTargets';
import type { CallFilterData, CallSeek } from '../../preload/schemas/calls';
import type { BenchFigure } from './engine';
import { timed } from './cdr';

/** Rows per fetch of the CSV floor's cursor: big batches, each line read and dropped. */
const FLOOR_FETCH_ROWS = 50_000;

/**
 * Issue 11's Global CDR figures (cdr.ts) on the PostgreSQL database the import built (issue
 * 16), each beside its floor: the same SQL (the same Kysely query, compiled for PostgreSQL) as
 * a named prepared statement on one held connection, rows as arrays, no mapping to views.
 */
export async function benchCdrPg(store: PgStore, client: pg.PoolClient, folder: string): Promise<Record<string, number>> {
  const busiest = await client.query<{ client_id: number; month: string }>(
    'select client_id, substr(started_at, 1, 7) as month from calls where client_id is not null group by client_id, month order by count(*) desc limit 1',
  );
  const { client_id: clientId, month } = busiest.rows[0]!;
  const filter: NonNullable<CallFilterData> = { clientId, from: `${month}-01`, to: `${month}-31`, status: 'all' };
  const list = (seek: CallSeek) => ({ ...filter, order: 'newest' as const, seek, limit: 200 });
  let statements = 0;
  const prepared = (query: CompiledQuery) => {
    const config: pg.QueryArrayConfig = { name: `bench_cdr_${(statements += 1)}`, text: query.sql, values: [...query.parameters], rowMode: 'array' };
    return () => client.query(config);
  };
  const rawPage = (seek: CallSeek) =>
    prepared(
      seekPage(filter, store, 'newest', seek, 200)
        .query.leftJoin('clients', 'clients.id', 'calls.client_id')
        .selectAll('calls')
        .select(['clients.first_name', 'clients.last_name', 'clients.company'])
        .compile(),
    );
  const figures: Record<string, number> = {
    filterCalls: (await callTotals(store, filter)).calls,
    pageMs: await timed(() => listCalls(store, list('first'))),
    pageFloorMs: await timed(rawPage('first')),
    lastPageMs: await timed(() => listCalls(store, list('last'))),
    lastPageFloorMs: await timed(rawPage('last')),
    totalsMs: await timed(() => callTotals(store, filter)),
    totalsFloorMs: await timed(prepared(totalsQuery(store, filter).compile())),
  };

  // The CSV of every call, newest first, through the real service (the server makes the lines, a cursor reads them).
  const exportFolder = join(folder, 'cdr-export-pg');
  const exports = new CallExports(createContext(store), exportsFolder(exportFolder));
  let started = process.hrtime.bigint();
  const begun = await exports.start({ status: 'all', order: 'newest' });
  if (!begun.started) throw new Error('the export did not start');
  const ended = await exports.finished(begun.exportId);
  figures.exportSeconds = Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2));
  figures.exportRows = ended.rows;
  rmSync(exportFolder, { recursive: true, force: true });
  // Its floor: the server making the same lines (the same query) for the same rows in the same
  // order, read through one cursor in big batches and dropped: nothing written.
  const lines = csvLinesQueryPg(store, { status: 'all', order: 'newest' });
  started = process.hrtime.bigint();
  let rows = 0;
  await client.query('begin isolation level repeatable read read only');
  try {
    await client.query(`declare bench_lines no scroll cursor for ${lines.sql}`, [...lines.parameters]);
    for (;;) {
      const fetched = await client.query({ text: `fetch forward ${FLOOR_FETCH_ROWS} from bench_lines`, rowMode: 'array' });
      rows += fetched.rows.length;
      if (fetched.rows.length < FLOOR_FETCH_ROWS) break;
    }
  } finally {
    await client.query('rollback');
  }
  figures.exportFloorSeconds = Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2));
  figures.exportFloorRows = rows;
  return figures;
}

export function cdrFiguresPg(cdr: Record<string, number>): BenchFigure[] {
  return [
    { name: `PostgreSQL: Global CDR page of 200 (client + month: ${cdr.filterCalls!.toLocaleString('en-US')} calls); raw SQL floor ${cdr.pageFloorMs} ms`, value: cdr.pageMs!, unit: 'ms', goal: '≤ 20' },
    { name: `  its last page (seek from the other end); raw SQL floor ${cdr.lastPageFloorMs} ms`, value: cdr.lastPageMs!, unit: 'ms', goal: '≤ 20' },
    { name: `  totals of that filter (count, minutes, cost, sell, profit); raw SQL floor ${cdr.totalsFloorMs} ms`, value: cdr.totalsMs!, unit: 'ms', goal: '≤ 50' },
    {
      name: `PostgreSQL: CSV export of all ${cdr.exportRows!.toLocaleString('en-US')} calls (the server makes the lines, a cursor reads them); the same lines read and dropped ${cdr.exportFloorSeconds} s`,
      value: cdr.exportSeconds!,
      unit: 's',
      goal: '≤ 5',
    },
  ];
}
