import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CallExportData, CallFilterData, ExportProgress, ExportStart } from '../../../preload/schemas/calls';
import { AppError } from '../../errors';
import { WorkerPool } from '../../workers/pool';
import type { ServiceContext } from '../context';
import type { ExportTargets } from '../exportTargets';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema';
import { countryOptions } from '../countries';
import { CALL_CSV_HEADER, CSV_LINE_SQL, CURSOR_ID, CURSOR_TIME, type CompiledStatement, type CsvChunk, type CsvSlice } from './cdrCsv';
import { filteredCalls, type CallQuery, type CallSource } from './callFilter';
import { csvChunksPg, csvLinesQueryPg } from './cdrCsvPg';

export { CALL_CSV_HEADER } from './cdrCsv';

/** Lines per chunk a worker sends: the file grows and the progress moves at least this often. */
export const EXPORT_BATCH_ROWS = 5_000;
/** Calls per slice a worker takes (if they spread evenly over the filter's time span): small enough that the slices after the one being written wait in little memory. */
export const EXPORT_SLICE_ROWS = 25_000;

/** "calls-2026-03-01-to-2026-03-31.csv", "calls-client-12.csv": what the file holds, for the Save dialog or the download. */
export function exportFileName(filter: CallFilterData): string {
  const parts = ['calls'];
  if (filter?.clientId !== undefined) parts.push(`client-${filter.clientId}`);
  if (filter?.from !== undefined) parts.push(`from-${filter.from}`);
  if (filter?.to !== undefined) parts.push(`to-${filter.to}`);
  return `${parts.join('-')}.csv`;
}

interface RunningExport {
  progress: ExportProgress;
  cancelled: boolean;
  /** Stops the workers (a cancel); set while they run. */
  stop: () => void;
  finished: Promise<ExportProgress>;
}

type WithNames = { country_names: { code: string; name: string }; client_names: { id: number; name: string } };

/** A page query (seekPage) selecting each call's CSV line, its start and id; its connection needs cdrCsv's prepareNames. */
export function selectCsvLines(query: CallQuery) {
  // The temporary tables are the worker connection's own, unknown to the app's schema type.
  return (query as unknown as SelectQueryBuilder<Database & WithNames, 'calls', object>)
    .leftJoin('client_names', 'client_names.id', 'calls.client_id')
    .leftJoin('country_names', 'country_names.code', 'calls.country')
    .select([sql<string>`${sql.raw(CSV_LINE_SQL)}`.as('line'), 'calls.started_at', 'calls.id']);
}

type SliceBounds = { from: string | null; before: string | null };

/**
 * One slice's two statements, compiled here so the worker needs no query builder: its first
 * batch, and the batch past a cursor (CURSOR_TIME, CURSOR_ID, put in by the worker). Each has
 * one bound on started_at each way, the tightest of the filter's, the slice's and the
 * cursor's, worked out here: SQLite seeks the index by one bound each way and, given two,
 * may take the looser and walk again over rows already read, or on past the slice.
 */
export function compileSlice(source: CallSource, input: CallFilterData, order: 'newest' | 'oldest', bounds: SliceBounds, batchRows: number): CsvSlice {
  const filter = input ?? { status: 'all' as const };
  const newest = order === 'newest';
  // The filter's days as bounds on "YYYY-MM-DD HH:MM:SS": a day sorts below its first second, and every second of the last day below "YYYY-MM-DD 99".
  const lows = [filter.from, bounds.from].filter((bound): bound is string => bound !== undefined && bound !== null);
  const highs = [filter.to === undefined ? undefined : `${filter.to} 99`, bounds.before].filter((bound): bound is string => bound !== undefined && bound !== null);
  const low = lows.length > 0 ? lows.reduce((a, b) => (a > b ? a : b)) : null;
  const high = highs.length > 0 ? highs.reduce((a, b) => (a < b ? a : b)) : null;
  const direction = newest ? 'desc' : 'asc';
  const statement = (cursor: boolean): CompiledStatement => {
    let query = filteredCalls(source, { ...filter, from: undefined, to: undefined });
    if (low !== null && !(cursor && !newest)) query = query.where('calls.started_at', '>=', low);
    if (high !== null && !(cursor && newest)) query = query.where('calls.started_at', '<', high);
    if (cursor) {
      query = query
        .where('calls.started_at', newest ? '<=' : '>=', CURSOR_TIME)
        .where((eb) => eb(eb.refTuple('calls.started_at', 'calls.id'), newest ? '<' : '>', eb.tuple(CURSOR_TIME, CURSOR_ID)));
    }
    const { sql: text, parameters } = selectCsvLines(query.orderBy('calls.started_at', direction).orderBy('calls.id', direction).limit(batchRows)).compile();
    return { sql: text, parameters };
  };
  const countryNames = countryOptions().map((country) => [country.code, country.name] as const);
  return { first: statement(false), next: statement(true), newest, batchRows, countryNames };
}

/** "YYYY-MM-DD HH:MM:SS" read and written as if UTC: only its order matters here. */
const secondsOf = (time: string): number => Date.parse(`${time.replace(' ', 'T')}Z`) / 1000;
const timeOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Cuts the filter's time span [first, last] into slices of about `sliceRows` calls each,
 * were they spread evenly: bounds on whole seconds, each call in exactly one slice (the
 * first and last are open-ended). Returned in the export's order.
 */
export function planSlices(first: string, last: string, total: number, sliceRows: number): SliceBounds[] {
  const count = Math.min(Math.ceil(total / sliceRows), 1_000);
  const start = secondsOf(first);
  const span = secondsOf(last) - start;
  const bounds: string[] = [];
  for (let k = 1; k < count; k += 1) {
    const bound = timeOf(start + Math.floor((span * k) / count));
    if (bound > first && bound !== bounds.at(-1)) bounds.push(bound);
  }
  return [null, ...bounds].map((from, k) => ({ from, before: bounds[k] ?? null }));
}

/** The chunks of one slice, written in order while later slices are still being made. */
class SliceChunks {
  private readonly chunks: CsvChunk[] = [];
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  push(chunk: CsvChunk): void {
    this.chunks.push(chunk);
    this.notify();
  }

  end(error: Error | null = null): void {
    this.ended = true;
    this.failure = error;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<CsvChunk> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        yield chunk;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/**
 * Streams a filter's calls to a CSV file (issue 11: a million-row export never builds the
 * file in memory). On SQLite the filter's time span is cut into slices; worker threads
 * (pool.ts) make each slice's lines on their own read-only connections (cdrCsv.ts) and send
 * them in chunks of EXPORT_BATCH_ROWS; the app's connection stays free for the window. On
 * PostgreSQL (issue 16) the server makes the lines and one cursor reads them in chunks of
 * EXPORT_BATCH_ROWS (cdrCsvPg.ts). Either way the chunks are written in the table's order
 * with the stream's back-pressure and an 'export.progress' event after each chunk. The host
 * chose where the file goes (ExportTargets).
 */
export class CallExports {
  private readonly exports = new Map<number, RunningExport>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly targets: ExportTargets,
    private readonly batchRows = EXPORT_BATCH_ROWS,
    private readonly sliceRows = EXPORT_SLICE_ROWS,
  ) {}

  /** Asks the host where to write (not started: the person cancelled the Save dialog), then writes in the background. */
  async start(input: CallExportData): Promise<ExportStart> {
    const store = this.ctx.store;
    const fileName = exportFileName(input);
    const destination = await this.targets.file(fileName);
    if (destination === null) return { started: false };
    // SQLite's workers load while the filter is counted and its slices compiled.
    const pool = store.dialect === 'sqlite' ? new WorkerPool(store.path).warm() : null;
    const counted = await filteredCalls(store, input)
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.min('calls.started_at').as('first'), eb.fn.max('calls.started_at').as('last')])
      .executeTakeFirstOrThrow()
      .catch(async (error: unknown) => {
        await pool?.close();
        throw error;
      });
    const exportId = this.ctx.nextId('export');
    const total = Number(counted.total);
    const progress: ExportProgress = { exportId, fileName, rows: 0, total, status: 'running', shownAs: null, downloadUrl: null, message: null };
    const running: RunningExport = { progress, cancelled: false, stop: () => undefined, finished: Promise.resolve(progress) };
    const chunks =
      store.dialect === 'postgres'
        ? csvChunksPg(store, csvLinesQueryPg(store, input), this.batchRows)
        : this.sliceChunks(running, pool!, store, input, counted.first, counted.last, total);
    running.finished = this.write(running, chunks, destination.path, async () => await pool?.close()).then(
      (status) => this.end(running, status, status === 'done' ? destination : null, null),
      (error: unknown) => {
        rmSync(destination.path, { force: true });
        return this.end(running, 'failed', null, error instanceof Error ? error.message : String(error));
      },
    );
    this.exports.set(exportId, running);
    this.ctx.events.emit('export.progress', { ...progress });
    return { started: true, exportId, fileName, total };
  }

  /** Stops a running export (its workers at once); the partial file is removed. */
  cancel(exportId: number): ExportProgress {
    const running = this.exports.get(exportId);
    if (!running) throw new AppError('not_found', 'There is no such export');
    running.cancelled = true;
    running.stop();
    return { ...running.progress };
  }

  /** Settles when the export ended (the command line, tests). */
  finished(exportId: number): Promise<ExportProgress> {
    const running = this.exports.get(exportId);
    if (!running) return Promise.reject(new AppError('not_found', 'There is no such export'));
    return running.finished;
  }

  private end(running: RunningExport, status: ExportProgress['status'], destination: { shownAs: string; downloadUrl: string | null } | null, message: string | null): ExportProgress {
    running.progress = { ...running.progress, status, shownAs: destination?.shownAs ?? null, downloadUrl: destination?.downloadUrl ?? null, message };
    this.ctx.events.emit('export.progress', { ...running.progress });
    return { ...running.progress };
  }

  /**
   * SQLite: every slice is queued at once on the worker pool, which runs them oldest-queued
   * first; their chunks come out here in the export's order. A cancel stops the workers.
   */
  private sliceChunks(running: RunningExport, pool: WorkerPool, source: CallSource, input: CallExportData, first: string | null, last: string | null, total: number): AsyncIterable<CsvChunk> {
    const order = input.order ?? 'newest';
    const planned = first === null || last === null ? [] : planSlices(first, last, total, this.sliceRows);
    const slices = order === 'oldest' ? planned : planned.reverse();
    running.stop = () => void pool.close(new Error('The export was cancelled'));
    const filter: CallFilterData = { ...input };
    const parts = slices.map((bounds) => {
      const part = new SliceChunks();
      const slice = compileSlice(source, filter, order, bounds, this.batchRows);
      pool.run('calls.csvSlice', slice, (chunk) => part.push(chunk)).then(
        () => part.end(),
        (error: unknown) => part.end(error instanceof Error ? error : new Error(String(error))),
      );
      return part;
    });
    return (async function* () {
      for (const part of parts) yield* part;
    })();
  }

  /** Writes the header and the chunks; `release` frees what made them (SQLite's workers) once the writing ends, however it ends. */
  private async write(running: RunningExport, chunks: AsyncIterable<CsvChunk>, path: string, release: () => Promise<void>): Promise<'done' | 'cancelled'> {
    const out = createWriteStream(path, { encoding: 'utf8' });
    const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
    failed.catch(() => undefined);
    try {
      await writeChunk(out, `${CALL_CSV_HEADER.join(',')}\r\n`, failed);
      for await (const chunk of chunks) {
        if (running.cancelled) break;
        await writeChunk(out, chunk.bytes, failed);
        running.progress = { ...running.progress, rows: running.progress.rows + chunk.rows };
        this.ctx.events.emit('export.progress', { ...running.progress });
      }
      out.end();
      await Promise.race([once(out, 'finish'), failed]);
    } catch (error) {
      out.destroy();
      if (!running.cancelled) throw error;
    } finally {
      // A loop left early (a cancel, a full disk) has closed the chunks' source: PostgreSQL's cursor gave its connection back.
      await release();
    }
    if (running.cancelled) {
      rmSync(path, { force: true });
      return 'cancelled';
    }
    return 'done';
  }
}

async function writeChunk(out: WriteStream, data: string | Uint8Array, failed: Promise<never>): Promise<void> {
  if (!out.write(data)) await Promise.race([once(out, 'drain'), failed]);
}
