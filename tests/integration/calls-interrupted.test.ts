import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/open';
import { parseCdrStream, type CdrBatch } from '../../main/cdr';
import { importInto } from '../../main/services/calls/importInto';
import { listImports } from '../../main/services/calls/imports';
import { INTERRUPTED_MESSAGE, markInterruptedImports } from '../../main/services/calls/interrupted';
import { liveImportIds } from '../../main/services/calls/pg/importPresence';
import { onAppStart } from '../../main/services/startup';
import type { ImportRecordView } from '../../preload/schemas/calls';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { cdrBatch } from '../helpers/cdrBatch';
import { testStoreKind } from '../helpers/pgServer';

/** Issue 9: "killed imports stay running forever". */

let temp: TempStore;
const children: ChildProcess[] = [];
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await temp.cleanup();
});

/** A process that has exited: its pid names no live process (short of reuse). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

/** A process that stays alive until the test ends (as a CLI import in another process would). */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

const CSV =
  'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n' +
  '2026-11-20 10:00:00,5145550100,15145551234,Outgoing,100000_nobody,ANSWERED,00:00:30,30,0.01000000,0.00500000,int-1\n' +
  '2026-11-20 10:01:00,5145550100,15145551234,Outgoing,100000_nobody,ANSWERED,00:00:30,30,0.01000000,0.00500000,int-2\n' +
  '2026-11-20 10:02:00,5145550100,15145551234,Outgoing,100000_nobody,BOGUS,00:00:30,30,0.01000000,0.00500000,int-3\n';

/**
 * Leaves an import as a process killed after its first commits leaves it: calls kept, status
 * 'running'. On a team server nobody holds its presence lock (pg/importPresence.ts): its owner is gone too.
 */
async function killedImport(store: Store, pid: number | null): Promise<number> {
  async function* text(): AsyncGenerator<string> {
    yield CSV;
  }
  const result = await importInto(store, parseCdrStream(text(), 'voipms-csv'), { source: 'killed.csv', format: 'voipms-csv', now: () => FIXED_NOW });
  // What the database holds when the process dies before its last update.
  await store.db
    .updateTable('call_imports')
    .set({ status: 'running', finished_at: null, rows_read: 0, rows_added: 0, rows_rejected: 0, pid, message: null })
    .where('id', '=', result.importId)
    .execute();
  return result.importId;
}

/** An import another instance runs (another app on this database): its batches wait until `release`. */
function importOfAnotherInstance(store: Store) {
  let release: () => void = () => undefined;
  let started: () => void = () => undefined;
  const firstBatchIn = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  async function* source(): AsyncGenerator<CdrBatch> {
    yield cdrBatch(0, 10, 'other');
    await gate;
    yield cdrBatch(10, 10, 'other');
  }
  // A transaction per batch: the first is committed while the second waits.
  const done = importInto(store, source(), { source: 'other.csv', format: 'voipms-csv', now: () => FIXED_NOW, transactionRows: 10, onCommit: () => started() });
  return { done, firstBatchIn, release: () => release() };
}

const { call, ok } = channelCaller(() => temp.table);

describe('an import whose process died', () => {
  it('is marked interrupted at the next start, with a message and the counts it committed, once the store is opened again', async () => {
    const importId = await killedImport(temp.store, await deadPid());
    await temp.store.close();

    const reopened = await temp.reopen();
    try {
      await onAppStart(reopened, () => FIXED_NOW);
      const [record] = await listImports(reopened);
      expect(record).toMatchObject({ importId, status: 'interrupted', message: INTERRUPTED_MESSAGE, added: 2, rejected: 1, rowsRead: 3 });
      expect(record?.finishedAt).toBe(FIXED_NOW.toISOString());
      // A second start changes nothing.
      await onAppStart(reopened, () => new Date('2026-11-26T00:00:00Z'));
      expect((await listImports(reopened))[0]).toEqual(record);
    } finally {
      await reopened.close();
      // The cleanup closes the store the test opened first: give it one to close.
      temp.store = await temp.reopen();
    }
  });

  it('calls.imports lists it interrupted after the start, with its message, newest first', async () => {
    async function* done(): AsyncGenerator<string> {
      yield CSV.replaceAll('int-', 'ok-');
    }
    const finished = await importInto(temp.store, parseCdrStream(done(), 'voipms-csv'), { source: 'october.csv', format: 'voipms-csv', now: () => FIXED_NOW });
    const killed = await killedImport(temp.store, await deadPid());
    // Before the start: what the database says (a process is still thought to run it).
    expect((await ok<ImportRecordView[]>('calls.imports'))[0]).toMatchObject({ importId: killed, status: 'running', message: null });

    await onAppStart(temp.store, () => FIXED_NOW);
    const listed = await ok<ImportRecordView[]>('calls.imports');
    expect(listed.map((record) => [record.importId, record.status])).toEqual([
      [killed, 'interrupted'],
      [finished.importId, 'done'],
    ]);
    expect(listed[0]).toMatchObject({ source: 'killed.csv', format: 'voipms-csv', added: 2, rejected: 1, rowsRead: 3, finishedAt: FIXED_NOW.toISOString() });
    expect(listed[0]?.message).toContain('import the file again to finish it');
    expect(listed[1]).toMatchObject({ source: 'october.csv', added: 2, rejected: 1, message: null });
    expect(await ok<ImportRecordView[]>('calls.imports', { limit: 1 })).toEqual([listed[0]]);
    // A query: it declares no changes, and an input out of range is refused by the contract.
    expect((await call('calls.imports', { limit: 0 })).ok).toBe(false);
  });

  it('an import recorded before processes were recorded (no pid) is interrupted too', async () => {
    const importId = await killedImport(temp.store, null);
    await onAppStart(temp.store, () => FIXED_NOW);
    expect((await listImports(temp.store))[0]).toMatchObject({ importId, status: 'interrupted' });
  });

  it('an import another live process is running is left running', async () => {
    if (temp.store.dialect === 'postgres') {
      // A pid says nothing on a team server: a real import of another instance, holding its presence lock.
      const other = await temp.reopen();
      try {
        const running = importOfAnotherInstance(other);
        await running.firstBatchIn;
        await onAppStart(temp.store, () => FIXED_NOW);
        const [record] = await listImports(temp.store);
        expect(record).toMatchObject({ source: 'other.csv', status: 'running', message: null });
        running.release();
        expect(await running.done).toMatchObject({ importId: record!.importId, status: 'done', added: 20 });
        expect((await listImports(temp.store))[0]).toMatchObject({ status: 'done', added: 20, message: null });
      } finally {
        await other.close();
      }
      return;
    }
    const importId = await killedImport(temp.store, livePid());
    await onAppStart(temp.store, () => FIXED_NOW);
    expect((await listImports(temp.store))[0]).toMatchObject({ importId, status: 'running', message: null });
  });

  it('a finished import keeps its status, and a failed one its message', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield 'date,account\n';
    }
    const failed = await importInto(temp.store, parseCdrStream(broken(), 'voipms-csv'), { source: 'broken.csv', format: 'voipms-csv', now: () => FIXED_NOW });
    await onAppStart(temp.store, () => FIXED_NOW);
    const [record] = await listImports(temp.store);
    expect(record).toMatchObject({ importId: failed.importId, status: 'failed', message: expect.stringContaining('header') });
  });
});

// Issue 16, team mode: several instances on one PostgreSQL database, where a pid means nothing.
if (testStoreKind() === 'postgres') {
  describe('an import on a team server whose owner is gone', () => {
    it('is interrupted once the server ended its owner’s connection (a crash, a machine switched off), and the owner stops', async () => {
      const other = await temp.reopen();
      try {
        const running = importOfAnotherInstance(other);
        await running.firstBatchIn;
        const [record] = await listImports(temp.store);
        expect(record).toMatchObject({ source: 'other.csv', status: 'running' });
        // Alive: a start leaves it.
        expect(await markInterruptedImports(temp.store, () => FIXED_NOW)).toEqual([]);
        // The owner's session (its pid on the server) ends: its locks go with it.
        const owner = await temp.store.db.selectFrom('call_imports').select('pid').where('id', '=', record!.importId).executeTakeFirstOrThrow();
        await sql`select pg_terminate_backend(${owner.pid}::int)`.execute(temp.store.db);
        await until(async () => (await liveImportIds(temp.store.db)).size === 0);
        const marked = await markInterruptedImports(temp.store, () => FIXED_NOW);
        expect(marked).toEqual([{ importId: record!.importId, source: 'other.csv', startedAt: record!.startedAt, rowsRead: 10 }]);
        expect((await listImports(temp.store))[0]).toMatchObject({ status: 'interrupted', added: 10, message: INTERRUPTED_MESSAGE });
        // The owner learns it lost its locks at its next transaction, and writes no more calls.
        running.release();
        const result = await running.done;
        expect(result).toMatchObject({ status: 'failed', added: 10, message: expect.stringContaining('lock was lost') });
        const { n } = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        expect(Number(n)).toBe(10);
        // A second instance's import runs at once: no lock is left behind.
        async function* more(): AsyncGenerator<CdrBatch> {
          yield cdrBatch(10, 10, 'other');
        }
        expect(await importInto(temp.store, more(), { source: 'again.csv', format: 'voipms-csv', now: () => FIXED_NOW })).toMatchObject({ status: 'done', added: 10, duplicates: 0 });
      } finally {
        await other.close();
      }
    });
  });
}

/** Waits until `check` holds, asking again after each answer (state, not time). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 10_000 && !(await check()); tries += 1) await new Promise((resolve) => setImmediate(resolve));
}
