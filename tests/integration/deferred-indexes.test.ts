import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { openStore, type SqliteStore } from '../../db/open';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCdrStream, type CdrBatch } from '../../main/cdr';
import { runCli } from '../../main/cli/run';
import { buildThreads, deferCallIndexes, deferredCallIndexes, defersCallIndexes, restoreCallIndexes, shouldDeferIndexes } from '../../main/services/calls/deferredIndexes';
import { importCalls } from '../../main/services/calls/importCalls';
import { importInto } from '../../main/services/calls/importInto';
import { listImports } from '../../main/services/calls/imports';
import { testStoreKind } from '../helpers/pgServer';
import { onAppStart } from '../../main/services/startup';
import { asSqlite } from '../helpers/sqliteOnly';
import { tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 13: a bulk import drops the calls indexes while its rows go in. Whoever opens the
 * store after a process died in between builds exactly the ones missing, and nothing else.
 */

let temp: TempStore;
let store: SqliteStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const callIndexes = (): string[] =>
  store.sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`).pluck().all() as string[];
const definitions = (): unknown[] =>
  store.sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`).all();

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const csv = (ids: string[]) => [HEADER, ...ids.map((id, k) => `2026-11-2${k % 5} 10:00:0${k % 10},5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:01:00,60,0.01000000,0.01000000,${id}`)].join('\n');

// SQLite's own machinery: on a team server the twin below holds instead (plan finding 8).
const describeOnSqlite = testStoreKind() === 'sqlite' ? describe : () => undefined;

describeOnSqlite('calls indexes built after a bulk import’s rows', () => {
  beforeEach(() => {
    store = asSqlite(temp.store);
  });

  it('are dropped and noted in one step, and built again exactly as they were', () => {
    const before = definitions();
    expect(before.length).toBeGreaterThanOrEqual(5);
    const dropped = deferCallIndexes(store.db, store.sqlite);
    expect(dropped).toEqual(callIndexesNamed(before));
    expect(callIndexes()).toEqual([]);
    expect(deferredCallIndexes(store.db, store.sqlite)).toEqual(dropped);
    expect(restoreCallIndexes(store.db, store.sqlite)).toEqual(dropped);
    expect(definitions()).toEqual(before);
    expect(deferredCallIndexes(store.db, store.sqlite)).toEqual([]);
  });

  it('builds with the sorter’s helper threads and a small page cache, and gives the connection its own settings back', () => {
    const pragma = (name: string) => store.sqlite.pragma(name, { simple: true }) as number;
    const before = { threads: pragma('threads'), cache: pragma('cache_size') };
    deferCallIndexes(store.db, store.sqlite);
    const during: { threads: number; cache: number }[] = [];
    restoreCallIndexes(store.db, store.sqlite, () => during.push({ threads: pragma('threads'), cache: pragma('cache_size') }));
    expect(during.length).toBeGreaterThanOrEqual(5);
    for (const settings of during) expect(settings).toEqual({ threads: buildThreads(), cache: -16_384 });
    expect(buildThreads()).toBeGreaterThanOrEqual(1);
    expect({ threads: pragma('threads'), cache: pragma('cache_size') }).toEqual(before);
  });

  it('a build killed half-way: the indexes built keep their place, the note of one already there just goes', () => {
    const before = definitions();
    const dropped = deferCallIndexes(store.db, store.sqlite);
    // As if the first build committed and the process died before deleting its note.
    const first = store.sqlite.prepare('select sql from deferred_indexes where name = ?').pluck().get(dropped[0]) as string;
    store.sqlite.exec(first);
    expect(restoreCallIndexes(store.db, store.sqlite)).toEqual(dropped);
    expect(definitions()).toEqual(before);
  });

  it('the app’s start builds what a killed import left, unless an import still runs', async () => {
    const before = callIndexes();
    deferCallIndexes(store.db, store.sqlite);
    const running = await store.db
      .insertInto('call_imports')
      .values({ source: 'other.csv', format: 'voipms-csv', started_at: '2026-11-25T11:00:00Z', finished_at: null, status: 'running', pid: process.pid })
      .returning('id')
      .executeTakeFirstOrThrow();
    await onAppStart(store, () => new Date('2026-11-25T12:00:00Z'));
    expect(callIndexes()).toEqual([]);
    await store.db.updateTable('call_imports').set({ status: 'interrupted' }).where('id', '=', running.id).execute();
    await onAppStart(store, () => new Date('2026-11-25T12:00:00Z'));
    expect(callIndexes()).toEqual(before);
    expect(deferredCallIndexes(store.db, store.sqlite)).toEqual([]);
  });

  it('the command line builds them before its command, and says so', async () => {
    const before = callIndexes();
    deferCallIndexes(store.db, store.sqlite);
    const path = store.path;
    await store.close();
    const err: string[] = [];
    const code = await runCli(['--db', path, 'cdr', 'imports'], { out: () => undefined, err: (text: string) => err.push(text) });
    expect(code).toBe(0);
    expect(err.join('\n')).toContain('Building the calls indexes');
    store = await openStore(path);
    temp = { ...temp, store };
    expect(callIndexes()).toEqual(before);
  });

  it('an import that keeps its indexes live builds the missing ones first; a bulk one builds them at its end', async () => {
    const before = callIndexes();
    deferCallIndexes(store.db, store.sqlite);
    const imported = async (ids: string[], deferIndexes: 'always' | 'never') =>
      importCalls(store, parseCdrStream(Readable.from([csv(ids)]), 'voipms-csv', { batchSize: 2 }), { source: 't', format: 'voipms-csv', deferIndexes });
    expect((await imported(['a', 'b', 'c'], 'never')).added).toBe(3);
    expect(callIndexes()).toEqual(before);
    const progress: (string | null)[] = [];
    const bulk = await importCalls(store, parseCdrStream(Readable.from([csv(['d', 'e', 'a'])]), 'voipms-csv', { batchSize: 2 }), {
      source: 't',
      format: 'voipms-csv',
      deferIndexes: 'always',
      onProgress: (at) => progress.push(at.message),
    });
    expect(bulk).toMatchObject({ status: 'done', added: 2, duplicates: 1, message: null });
    // The command line shows what the import does while it builds them.
    expect(progress).toContain(`Building the calls index ${before[0]}…`);
    expect(callIndexes()).toEqual(before);
    expect(deferredCallIndexes(store.db, store.sqlite)).toEqual([]);
  });

});

describe('when a bulk import is worth deferring the indexes', () => {
  it('only a big file into a table it at least doubles is worth it', () => {
    expect(shouldDeferIndexes(null, 0)).toBe(false);
    expect(shouldDeferIndexes(1_000_000, 0)).toBe(false);
    expect(shouldDeferIndexes(170_000_000, 0)).toBe(true);
    expect(shouldDeferIndexes(170_000_000, 500_000)).toBe(true);
    expect(shouldDeferIndexes(170_000_000, 1_000_000)).toBe(false);
  });
});

// Issue 16, team mode (plan finding 8): on PostgreSQL a DROP INDEX would lock every other instance out of calls.
if (testStoreKind() === 'postgres') {
  describe('calls indexes on a team server', () => {
    /** The calls indexes as the server keeps them (name and definition). */
    const serverIndexes = async (): Promise<{ indexname: string; indexdef: string }[]> =>
      (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'calls' order by indexname`.execute(temp.store.db)).rows;

    it('stay while a bulk import asked to build them after its rows writes, and the import still works', async () => {
      const before = await serverIndexes();
      // The primary key, the call id's unique index and the five the app reads through.
      expect(before.length).toBeGreaterThanOrEqual(7);
      expect(before.map((index) => index.indexname)).toEqual(expect.arrayContaining(['calls_cycle', 'calls_client_cdr', 'calls_started', 'calls_subaccount_started', 'calls_unrated']));
      expect(defersCallIndexes(temp.store)).toBe(false);
      const during: unknown[] = [];
      const importing = async (ids: string[]) => {
        async function* batches(): AsyncGenerator<CdrBatch> {
          for await (const batch of parseCdrStream(Readable.from([csv(ids)]), 'voipms-csv', { batchSize: 2 })) {
            yield batch;
            // Asked for the next batch: the rows of this one are written, the indexes read from another connection.
            during.push(await serverIndexes());
          }
        }
        return importInto(temp.store, batches(), { source: 't', format: 'voipms-csv', deferIndexes: 'always', transactionRows: 2 });
      };
      expect(await importing(['a', 'b', 'c'])).toMatchObject({ status: 'done', added: 3 });
      expect(await importing(['d', 'e', 'a'])).toMatchObject({ status: 'done', added: 2, duplicates: 1, message: null });
      expect(during.length).toBeGreaterThanOrEqual(4);
      for (const seen of during) expect(seen).toEqual(before);
      expect(await serverIndexes()).toEqual(before);
      expect(await temp.store.db.selectFrom('deferred_indexes').selectAll().execute()).toEqual([]);
      const { n } = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n)).toBe(5);
    });

    it('the start and the command line find nothing to build, and a command line import with --indexes after keeps them', async () => {
      const before = await serverIndexes();
      await onAppStart(temp.store, () => new Date('2026-11-25T12:00:00Z'));
      const dir = mkdtempSync(join(tmpdir(), 'rc-pg-indexes-'));
      vi.stubEnv('RESELLER_CONSOLE_KEY', 'the team key, long enough to be a passphrase');
      vi.stubEnv('XDG_CONFIG_HOME', dir);
      try {
        const file = join(dir, 'calls.csv');
        writeFileSync(file, csv(['x', 'y']));
        const err: string[] = [];
        const code = await runCli(['--db', temp.location, 'cdr', 'import', '--file', file, '--indexes', 'after'], { out: () => undefined, err: (text: string) => err.push(text) });
        expect(code, err.join('\n')).toBe(0);
        expect(err.join('\n')).not.toContain('Building the calls index');
      } finally {
        vi.unstubAllEnvs();
        rmSync(dir, { recursive: true, force: true });
      }
      expect(await serverIndexes()).toEqual(before);
      expect((await listImports(temp.store))[0]).toMatchObject({ status: 'done', added: 2 });
    });
  });
}

function callIndexesNamed(rows: unknown[]): string[] {
  return (rows as { name: string }[]).map((row) => row.name);
}
