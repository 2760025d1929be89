import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvChunk, CsvSlice } from '../../main/services/calls/cdrCsv';
import { WorkerPool } from '../../main/workers/pool';
import { openReadOnly } from '../../db/reader';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqliteStore } from '../../db/open';

/**
 * The export pool (main/workers/pool.ts) on a real store file: each worker reads it on its
 * own read-only connection. Jobs are CSV slices of hand-written SQL, so what each returns is
 * known without the app's queries.
 *
 * Issue 16: the pool is SQLite's own machinery (worker threads reading the file beside the
 * app's connection, the backup's VACUUM INTO); a team server's database is read by its own
 * connections, never by these workers. So this file tests the pool on a database file
 * whichever store RC_TEST_STORE chooses for the rest of the suite.
 */
let dir: string;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rc-workers-'));
  store = await openStore(join(dir, 'test.db'));
  store.sqlite.exec(`create table numbers (n integer primary key); insert into numbers (n) with recursive k(n) as (select 1 union all select n + 1 from k where n < 100) select n from k`);
}, 60_000);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A slice whose lines are the numbers in [from, to], `batchRows` a chunk (the cursor is the number itself). */
function numbers(from: number, to: number, batchRows = 10): CsvSlice {
  const select = `select 'n' || n as line, '2026-01-01 00:00:00' as started_at, n as id from numbers where n >= ${from} and n <= ${to}`;
  return {
    first: { sql: `${select} order by n limit ${batchRows}`, parameters: [] },
    next: { sql: `${select} and n > ? order by n limit ${batchRows}`, parameters: [Number.MIN_SAFE_INTEGER] },
    newest: false,
    batchRows,
    countryNames: [],
  };
}

const linesOf = (chunks: CsvChunk[]): string[] => chunks.flatMap((chunk) => Buffer.from(chunk.bytes).toString('utf8').split('\r\n').filter((line) => line !== ''));

describe('the worker pool', () => {
  it('runs jobs on its workers, each job’s chunks reaching it alone and in order', async () => {
    const pool = new WorkerPool(store.path, 2);
    try {
      const chunks: CsvChunk[][] = [[], [], []];
      const results = await Promise.all([numbers(1, 40), numbers(41, 45, 2), numbers(46, 100, 25)].map((slice, k) => pool.run('calls.csvSlice', slice, (chunk) => chunks[k]!.push(chunk))));
      expect(results).toEqual([{ rows: 40 }, { rows: 5 }, { rows: 55 }]);
      expect(linesOf(chunks[0]!)).toEqual(Array.from({ length: 40 }, (_, k) => `n${k + 1}`));
      expect(chunks[1]!.map((chunk) => chunk.rows)).toEqual([2, 2, 1]);
      expect(linesOf(chunks[2]!)).toEqual(Array.from({ length: 55 }, (_, k) => `n${k + 46}`));
    } finally {
      await pool.close();
    }
  });

  it('fails a job whose statement fails with SQLite’s message, and goes on with the next', async () => {
    const pool = new WorkerPool(store.path, 1);
    try {
      const broken = { ...numbers(1, 10), first: { sql: 'select line from no_such_table', parameters: [] } };
      await expect(pool.run('calls.csvSlice', broken)).rejects.toThrow(/no such table: no_such_table/);
      expect(await pool.run('calls.csvSlice', numbers(1, 10))).toEqual({ rows: 10 });
    } finally {
      await pool.close();
    }
  });

  it('a worker’s connection reads the last commit and refuses any write', () => {
    const reader = openReadOnly(store.path);
    try {
      store.sqlite.exec('insert into numbers (n) values (101)');
      expect(reader.prepare('select count(*) from numbers').pluck().get()).toBe(101);
      expect(() => reader.exec('delete from numbers')).toThrow(/readonly/i);
      expect(store.sqlite.prepare('select count(*) from numbers').pluck().get()).toBe(101);
    } finally {
      store.sqlite.exec('delete from numbers where n = 101');
      reader.close();
    }
  });

  it('stopping the pool rejects the jobs running and queued, and any job after', async () => {
    const pool = new WorkerPool(store.path, 1);
    const first = pool.run('calls.csvSlice', numbers(1, 100, 1));
    const queued = pool.run('calls.csvSlice', numbers(1, 10));
    const failed = [expect(first).rejects.toThrow('stopped by the test'), expect(queued).rejects.toThrow('stopped by the test')];
    await pool.close(new Error('stopped by the test'));
    await Promise.all(failed);
    await expect(pool.run('calls.csvSlice', numbers(1, 10))).rejects.toThrow('stopped by the test');
  });
});
