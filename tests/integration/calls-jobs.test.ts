import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CdrBatch } from '../../main/cdr';
import { IMPORT_DOMAINS, IDLE_UPLOAD_MS, ImportJobs } from '../../main/services/calls/jobs';
import { importCalls } from '../../main/services/calls/importCalls';
import type { ImportTimers } from '../../main/services/calls/timers';
import { createContext, counterIds } from '../../main/services/context';
import { EventBus } from '../../main/events';
import type { AppEvents, EventName } from '../../preload/events';
import type { ImportJobView } from '../../preload/schemas/calls';
import { cdrBatch } from '../helpers/cdrBatch';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';

/**
 * Timers the test moves by hand: the clock only moves when told, and each sleep waits
 * until the test fires it. Nothing depends on how fast the machine is.
 */
function manualTimers() {
  let clock = 0;
  const sleeping: { resolve: () => void; signal: AbortSignal }[] = [];
  let wakeWaiter: (() => void) | null = null;
  const timers: ImportTimers = {
    now: () => clock,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve) => {
        sleeping.push({ resolve, signal });
        wakeWaiter?.();
      }),
  };
  const pending = () => sleeping.filter((entry) => !entry.signal.aborted);
  return {
    timers,
    advance(ms: number): void {
      clock += ms;
    },
    /** Resolves once something waits on a timer that is still wanted. */
    async armed(): Promise<void> {
      while (pending().length === 0) await new Promise<void>((resolve) => (wakeWaiter = resolve));
      wakeWaiter = null;
    },
    /** Fires every timer still wanted. */
    fire(): void {
      for (const entry of sleeping.splice(0)) if (!entry.signal.aborted) entry.resolve();
    },
  };
}

/** Resolves once `check` holds, re-checked after each progress report. */
function until<T>(subscribe: (listener: (value: T) => void) => void, check: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => subscribe((value) => check(value) && resolve(value)));
}

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const batch = (from: number, size: number): CdrBatch => cdrBatch(from, size, 'job');

describe('import jobs', () => {
  it('answers progress polls between batches and stops at a cancel, keeping the committed batches', async () => {
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    async function* source(): AsyncGenerator<CdrBatch> {
      for (let index = 0; index < 10; index += 1) {
        yield batch(index * 100, 100);
        await gate(); // the next batch waits until the test lets it go
      }
    }
    const controller = new AbortController();
    const seen: number[] = [];
    const listeners: ((added: number) => void)[] = [];
    const manual = manualTimers();
    const done = importCalls(asSqlite(temp.store), source(), {
      source: 'gated',
      format: 'voipms-csv',
      totalBytes: 100_000,
      signal: controller.signal,
      now: () => FIXED_NOW,
      timers: manual.timers,
      onProgress: (progress) => {
        seen.push(progress.added);
        for (const listener of listeners) listener(progress.added);
      },
    });
    const added = (count: number) => until<number>((listener) => listeners.push(listener), (value) => value === count);
    // A transaction waits a while for the next batch, then commits what it has.
    await manual.armed();
    expect(seen.at(-1)).toBe(0);
    const first = added(100);
    manual.fire();
    await first;
    expect(seen.at(-1)).toBe(100);
    release();
    await manual.armed();
    const second = added(200);
    manual.fire();
    await second;
    expect(seen.at(-1)).toBe(200);
    controller.abort();
    release();
    const result = await done;
    expect(result).toMatchObject({ status: 'cancelled', added: 200, unrated: 200 });
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(200);
  });

  it('makes other requests wait for a commit, never writing into its transaction', async () => {
    let release: () => void = () => undefined;
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('the file broke off');
    }
    const manual = manualTimers();
    let committed = false;
    const done = importCalls(asSqlite(temp.store), source(), {
      source: 'gated',
      format: 'voipms-csv',
      now: () => FIXED_NOW,
      timers: manual.timers,
      onCommit: () => (committed = true),
    });
    // The transaction is open, waiting for the next batch.
    await manual.armed();
    // Asked while the import's transaction is open: answered once it has committed (at once:
    // a waiting request ends the transaction; tests/integration/import-waits.test.ts).
    const write = temp.store.db
      .insertInto('settings')
      .values({ key: 'probe', value: 'written' })
      .execute()
      .then(() => committed);
    expect(await write).toBe(true);
    release();
    const result = await done;
    expect(result).toMatchObject({ status: 'failed', added: 100, message: 'the file broke off' });
    const probe = await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirst();
    expect(probe?.value).toBe('written');
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(100);
  });

  it('rolls the whole transaction back when a write fails half-way, and counts nothing of it', async () => {
    const store = asSqlite(temp.store);
    store.sqlite.exec(`create trigger refuse_boom before insert on calls when new.call_id = 'job-150' begin select raise(abort, 'disk trouble'); end`);
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      yield batch(100, 100);
    }
    const result = await importCalls(store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW });
    expect(result).toMatchObject({ status: 'failed', added: 0, message: 'disk trouble' });
    expect(store.sqlite.inTransaction).toBe(false);
    // The import's transactions skip the foreign key lookups; the connection has them back after any end.
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    // With a transaction per batch, the first batch stays.
    const again = await importCalls(store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW, transactionRows: 100 });
    expect(again).toMatchObject({ status: 'failed', added: 100 });
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('runs one import at a time and reports unknown jobs', async () => {
    const jobs = new ImportJobs(createContext(temp.store, () => FIXED_NOW));
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const rows = Array.from({ length: 50 }, (_, index) => `2026-11-26 10:00:00,,15145551234,,100000_x,ANSWERED,00:00:30,30,0.01,0.005,t${index}`).join('\n');
    const text = header + rows;
    const first = jobs.begin({ fileName: 'a.csv', totalBytes: Buffer.byteLength(text) });
    expect(() => jobs.begin({ fileName: 'b.csv', totalBytes: 1 })).toThrow(/already running/);
    await jobs.chunk({ jobId: first.jobId, text, last: true });
    const finished = await jobs.finished(first.jobId);
    expect(finished).toMatchObject({ status: 'done', added: 50, bytesRead: text.length });
    expect(() => jobs.status(999)).toThrow(/not found/);
  });

  it('imports a file the window streams in pieces cut anywhere, and a cancel releases the sender', async () => {
    const jobs = new ImportJobs(createContext(temp.store, () => FIXED_NOW));
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const callerId = '"""Ann"" <5145550100>"';
    const rows = Array.from({ length: 3000 }, (_, index) => `2026-11-26 10:00:00,${callerId},15145551234,Outgoing,100000_x,ANSWERED,00:00:30,30,0.01,0.005,s${index}\n`).join('');
    const text = header + rows;
    const started = jobs.begin({ fileName: 'big.csv', totalBytes: Buffer.byteLength(text) });
    // Pieces of 997 characters: cuts fall inside quoted fields and line endings.
    for (let offset = 0; offset < text.length; offset += 997) {
      await jobs.chunk({ jobId: started.jobId, text: text.slice(offset, offset + 997), last: offset + 997 >= text.length });
    }
    const finished = await jobs.finished(started.jobId);
    expect(finished).toMatchObject({ status: 'done', added: 3000, rejected: 0, bytesRead: Buffer.byteLength(text) });
    const stored = await temp.store.db.selectFrom('calls').select('caller_id').where('call_id', '=', 's2999').executeTakeFirstOrThrow();
    expect(stored.caller_id).toBe('"Ann" <5145550100>');

    const second = jobs.begin({ fileName: 'again.csv', totalBytes: Buffer.byteLength(text) });
    await jobs.chunk({ jobId: second.jobId, text: text.slice(0, 5000), last: false });
    jobs.cancel(second.jobId);
    // Pieces after a cancel are accepted and dropped; nothing waits forever.
    await jobs.chunk({ jobId: second.jobId, text: text.slice(5000), last: true });
    expect((await jobs.finished(second.jobId)).status).toBe('cancelled');
  });

  it('emits import.progress whenever a job changes and data.changed after each commit and at the end', async () => {
    const events = new EventBus();
    const seen: { name: EventName; payload: AppEvents[EventName] }[] = [];
    events.listen((name, payload) => seen.push({ name, payload }));
    const ctx = createContext(temp.store, () => FIXED_NOW, counterIds(), events);
    const jobs = new ImportJobs(ctx);
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const text = header + Array.from({ length: 20 }, (_, index) => `2026-11-26 10:00:00,,15145551234,,100000_x,ANSWERED,00:00:30,30,0.01,0.005,e${index}\n`).join('');
    const started = jobs.begin({ fileName: 'events.csv', totalBytes: text.length });
    // Job ids come from the context's generator.
    expect(started.jobId).toBe(1);
    expect(seen[0]).toEqual({ name: 'import.progress', payload: expect.objectContaining({ jobId: 1, status: 'running', added: 0, fileName: 'events.csv' }) });
    await jobs.chunk({ jobId: started.jobId, text, last: true });
    await jobs.finished(started.jobId);
    const progress = seen.filter((event) => event.name === 'import.progress').map((event) => event.payload as ImportJobView);
    expect(progress.at(-1)).toMatchObject({ jobId: 1, status: 'done', added: 20, importId: expect.any(Number) });
    // Each event is a snapshot, not the live view.
    expect(progress[0]!.status).toBe('running');
    const changed = seen.map((event, index) => ({ ...event, index })).filter((event) => event.name === 'data.changed');
    expect(changed.length).toBeGreaterThanOrEqual(2);
    for (const event of changed) expect(event.payload).toEqual({ domains: IMPORT_DOMAINS });
    expect(IMPORT_DOMAINS).toEqual(['calls', 'ledger', 'clients']);
    // A commit is announced once its calls are counted; the end comes last.
    const firstAdded = progress.findIndex((view) => view.added === 20);
    expect(changed[0]!.index).toBeGreaterThan(seen.indexOf(seen.find((event) => event.payload === progress[firstAdded])!));
    expect(seen.at(-1)!.name).toBe('data.changed');

    seen.length = 0;
    const cancelled = jobs.begin({ fileName: 'cancel.csv', totalBytes: text.length });
    expect(cancelled.jobId).toBe(2);
    await jobs.chunk({ jobId: cancelled.jobId, text: header, last: false });
    jobs.cancel(cancelled.jobId);
    await jobs.finished(cancelled.jobId);
    expect(seen.filter((event) => event.name === 'import.progress').at(-1)!.payload).toMatchObject({ jobId: 2, status: 'cancelled' });
    expect(seen.at(-1)).toEqual({ name: 'data.changed', payload: { domains: IMPORT_DOMAINS } });

    seen.length = 0;
    async function* broken(): AsyncGenerator<CdrBatch> {
      yield batch(0, 10);
      throw new Error('the disk went away');
    }
    const failing = jobs.startBatches({ source: 'broken.csv', totalBytes: 1000, batches: broken() });
    await jobs.finished(failing.jobId);
    expect(seen.filter((event) => event.name === 'import.progress').at(-1)!.payload).toMatchObject({ jobId: 3, status: 'failed', message: 'the disk went away', added: 10 });
    expect(seen.at(-1)!.name).toBe('data.changed');
  });

  it('gives up a streamed upload the window stopped sending, on the injected clock', async () => {
    const manual = manualTimers();
    const jobs = new ImportJobs(createContext(temp.store, () => FIXED_NOW), { timers: manual.timers });
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const stalled = jobs.begin({ fileName: 'stalled.csv', totalBytes: 1_000_000 });
    await jobs.chunk({ jobId: stalled.jobId, text: header, last: false });
    manual.advance(IDLE_UPLOAD_MS);
    // Not idle long enough yet: the running import still blocks the next.
    expect(() => jobs.begin({ fileName: 'next.csv', totalBytes: 1 })).toThrow(/already running/);
    manual.advance(1);
    // Longer than IDLE_UPLOAD_MS without a piece: given up; the next import may start once it has ended.
    expect(() => jobs.begin({ fileName: 'next.csv', totalBytes: 1 })).toThrow(/already running/);
    expect((await jobs.finished(stalled.jobId)).status).toBe('cancelled');
    const next = jobs.begin({ fileName: 'next.csv', totalBytes: header.length });
    await jobs.chunk({ jobId: next.jobId, text: header, last: true });
    expect((await jobs.finished(next.jobId)).status).toBe('done');
  });

  it('counts progress in file bytes when the window sends a file whose text is smaller in UTF-8 (UTF-16)', async () => {
    const jobs = new ImportJobs(createContext(temp.store, () => FIXED_NOW));
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const text = header + Array.from({ length: 30 }, (_, index) => `2026-11-26 10:00:00,,15145551234,,100000_x,ANSWERED,00:00:30,30,0.01,0.005,w${index}\n`).join('');
    // UTF-16LE: a BOM and two bytes per character.
    const fileBytes = 2 + text.length * 2;
    const started = jobs.begin({ fileName: 'utf16.csv', totalBytes: fileBytes });
    const half = Math.floor(text.length / 2);
    await jobs.chunk({ jobId: started.jobId, text: text.slice(0, half), bytes: 2 + half * 2, last: false });
    await jobs.chunk({ jobId: started.jobId, text: text.slice(half), bytes: (text.length - half) * 2, last: true });
    expect(await jobs.finished(started.jobId)).toMatchObject({ status: 'done', added: 30, bytesRead: fileBytes, totalBytes: fileBytes });
  });
});
