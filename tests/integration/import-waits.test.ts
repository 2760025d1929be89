import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CdrBatch } from '../../main/cdr';
import { importCalls } from '../../main/services/calls/importCalls';
import type { ImportTimers } from '../../main/services/calls/timers';
import { cdrBatch } from '../helpers/cdrBatch';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';
import { importInto } from '../../main/services/calls/importInto';

/**
 * Issue 9, "waits during an import grow to 7 s": the import holds the one connection for
 * a transaction of many batches, and lets go between two batches as soon as a request
 * waits for it. These tests decide when batches come and requests are sent; no clock runs.
 */

/** Timers that never fire: a transaction here only ends because of what the test does. */
const stoppedTimers: ImportTimers = { now: () => 0, sleep: () => new Promise<void>(() => undefined) };

const batch = (from: number, size: number): CdrBatch => cdrBatch(from, size, 'wait');

/** A write that also says how many calls it saw stored when it ran (inside its own transaction). */
function probeWrite(temp: TempStore, key: string): Promise<number> {
  return temp.store.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key, value: 'written' }).execute();
    const { n } = await trx.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(n);
  });
}

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

describe('requests during an import', () => {
  it('get the connection after the batch being written, not after the transaction', async () => {
    if (temp.store.dialect === 'postgres') {
      // A team server: each request has a connection of its own. One sent while the import's
      // transaction is open (asked for its third batch) is answered at once, from what is committed;
      // the import waits for the answer, so a request that waited for the import would never end.
      let probe: number | null = null;
      async function* source(): AsyncGenerator<CdrBatch> {
        yield batch(0, 100);
        yield batch(100, 100);
        probe = await probeWrite(temp, 'during');
        yield batch(200, 100);
        yield batch(300, 100);
      }
      const result = await importInto(temp.store, source(), { source: 'busy', format: 'voipms-csv', now: () => FIXED_NOW, timers: stoppedTimers });
      expect(result).toMatchObject({ status: 'done', added: 400 });
      expect(probe).toBe(0);
      const stored = await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'during').executeTakeFirst();
      expect(stored?.value).toBe('written');
      return;
    }
    let probe: Promise<number> | null = null;
    async function* source(): AsyncGenerator<CdrBatch> {
      for (let from = 0; from < 400; from += 100) yield batch(from, 100);
    }
    const result = await importCalls(asSqlite(temp.store), source(), {
      source: 'busy',
      format: 'voipms-csv',
      now: () => FIXED_NOW,
      timers: stoppedTimers,
      // Sent while the import is busy with batch 2 in its open transaction (of 100,000 rows by default), every batch at hand.
      onProgress: (progress) => {
        if (progress.linesRead === batch(100, 100).linesRead) probe ??= probeWrite(temp, 'during');
      },
    });
    expect(result).toMatchObject({ status: 'done', added: 400 });
    // The write ran between two transactions: it saw the two batches committed before it, not the whole file.
    expect(await probe!).toBe(200);
    const stored = await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'during').executeTakeFirst();
    expect(stored?.value).toBe('written');
  });

  it('get the connection at once while the import waits for the next batch, and the import goes on after', async () => {
    let release: () => void = () => undefined;
    let waiting: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (waiting = resolve));
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      waiting();
      await new Promise<void>((resolve) => (release = resolve));
      yield batch(100, 100);
    }
    const done = importInto(temp.store, source(), { source: 'slow upload', format: 'voipms-csv', now: () => FIXED_NOW, timers: stoppedTimers });
    await asked;
    // The next batch has not come and no timer fires: on SQLite only the waiting request ends the
    // transaction; on a team server the request needs no end of it, and sees none of its rows.
    expect(await probeWrite(temp, 'between')).toBe(temp.store.dialect === 'postgres' ? 0 : 100);
    release();
    expect(await done).toMatchObject({ status: 'done', added: 200 });
    const { n } = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(200);
  });
});
