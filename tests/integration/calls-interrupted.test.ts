import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/open';
import { parseCdrStream } from '../../main/cdr';
import { importCalls } from '../../main/services/calls/importCalls';
import { listImports } from '../../main/services/calls/imports';
import { INTERRUPTED_MESSAGE } from '../../main/services/calls/interrupted';
import { onAppStart } from '../../main/services/startup';
import type { ImportRecordView } from '../../preload/schemas/calls';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';

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

/** Leaves an import as a process killed after its first commits leaves it: calls kept, status 'running'. */
async function killedImport(given: Store, pid: number | null): Promise<number> {
  const store = asSqlite(given);
  async function* text(): AsyncGenerator<string> {
    yield CSV;
  }
  const result = await importCalls(store, parseCdrStream(text(), 'voipms-csv'), { source: 'killed.csv', format: 'voipms-csv', now: () => FIXED_NOW });
  // What the database holds when the process dies before its last update.
  store.sqlite
    .prepare("update call_imports set status = 'running', finished_at = null, rows_read = 0, rows_added = 0, rows_rejected = 0, pid = ?, message = null where id = ?")
    .run(pid, result.importId);
  return result.importId;
}

const { call, ok } = channelCaller(() => temp.table);

describe('an import whose process died', () => {
  it('is marked interrupted at the next start, with a message and the counts it committed, on a real database file', async () => {
    const importId = await killedImport(temp.store, await deadPid());
    await temp.store.close();

    const reopened = await openStore(join(temp.dir, 'test.db'));
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
      temp.store = await openStore(join(temp.dir, 'test.db'));
    }
  });

  it('calls.imports lists it interrupted after the start, with its message, newest first', async () => {
    async function* done(): AsyncGenerator<string> {
      yield CSV.replaceAll('int-', 'ok-');
    }
    const finished = await importCalls(asSqlite(temp.store), parseCdrStream(done(), 'voipms-csv'), { source: 'october.csv', format: 'voipms-csv', now: () => FIXED_NOW });
    const killed = await killedImport(temp.store, await deadPid());
    // Before the start: what the database says (a process is still thought to run it).
    expect((await ok<ImportRecordView[]>('calls.imports'))[0]).toMatchObject({ importId: killed, status: 'running', message: null });

    await onAppStart(asSqlite(temp.store), () => FIXED_NOW);
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
    await onAppStart(asSqlite(temp.store), () => FIXED_NOW);
    expect((await listImports(temp.store))[0]).toMatchObject({ importId, status: 'interrupted' });
  });

  it('an import another live process is running is left running', async () => {
    const importId = await killedImport(temp.store, livePid());
    await onAppStart(asSqlite(temp.store), () => FIXED_NOW);
    expect((await listImports(temp.store))[0]).toMatchObject({ importId, status: 'running', message: null });
  });

  it('a finished import keeps its status, and a failed one its message', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield 'date,account\n';
    }
    const failed = await importCalls(asSqlite(temp.store), parseCdrStream(broken(), 'voipms-csv'), { source: 'broken.csv', format: 'voipms-csv', now: () => FIXED_NOW });
    await onAppStart(asSqlite(temp.store), () => FIXED_NOW);
    const [record] = await listImports(temp.store);
    expect(record).toMatchObject({ importId: failed.importId, status: 'failed', message: expect.stringContaining('header') });
  });
});
