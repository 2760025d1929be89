import { Readable } from 'node:stream';
import { openStore, type SqliteStore } from '../../db/open';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { runCli } from '../../main/cli/run';
import { buildThreads, deferCallIndexes, deferredCallIndexes, restoreCallIndexes, shouldDeferIndexes } from '../../main/services/calls/deferredIndexes';
import { importCalls } from '../../main/services/calls/importCalls';
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
  store = asSqlite(temp.store);
});
afterEach(() => temp.cleanup());

const callIndexes = (): string[] =>
  store.sqlite.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`).pluck().all() as string[];
const definitions = (): unknown[] =>
  store.sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'calls' and sql is not null order by name`).all();

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const csv = (ids: string[]) => [HEADER, ...ids.map((id, k) => `2026-11-2${k % 5} 10:00:0${k % 10},5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:01:00,60,0.01000000,0.01000000,${id}`)].join('\n');

describe('calls indexes built after a bulk import’s rows', () => {
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

  it('only a big file into a table it at least doubles is worth it', () => {
    expect(shouldDeferIndexes(null, 0)).toBe(false);
    expect(shouldDeferIndexes(1_000_000, 0)).toBe(false);
    expect(shouldDeferIndexes(170_000_000, 0)).toBe(true);
    expect(shouldDeferIndexes(170_000_000, 500_000)).toBe(true);
    expect(shouldDeferIndexes(170_000_000, 1_000_000)).toBe(false);
  });
});

function callIndexesNamed(rows: unknown[]): string[] {
  return (rows as { name: string }[]).map((row) => row.name);
}
