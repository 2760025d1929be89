import { sql } from 'kysely';
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
import { testStoreKind } from '../helpers/pgServer';
import { WAITING_MESSAGE } from '../../main/services/calls/pg/importPresence';
import { refuseRows } from '../helpers/refuseRows';
import { importInto } from '../../main/services/calls/importInto';

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
    const added = (count: number) => until<number>((listener) => listeners.push(listener), (value) => value === count);
    if (temp.store.dialect === 'postgres') {
      // PostgreSQL: nothing waits for the connection, so a transaction ends when it is full (here: each batch), not on a timer.
      const done = importInto(temp.store, source(), {
        source: 'gated',
        format: 'voipms-csv',
        totalBytes: 100_000,
        signal: controller.signal,
        now: () => FIXED_NOW,
        timers: manual.timers,
        transactionRows: 100,
        onProgress: (progress) => {
          seen.push(progress.added);
          for (const listener of listeners) listener(progress.added);
        },
      });
      await added(100);
      release();
      await added(200);
      expect(seen.filter((count) => count > 0)).toEqual([100, 200]);
      controller.abort();
      release();
      expect(await done).toMatchObject({ status: 'cancelled', added: 200, unrated: 200 });
      const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(200);
      return;
    }
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

  it('never lets another request write into its open transaction (SQLite: it waits for a commit; a team server: it waits for nothing and sees none of it)', async () => {
    let release: () => void = () => undefined;
    let waiting: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (waiting = resolve));
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      // Asked for the next batch: the first is written in the open transaction.
      waiting();
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('the file broke off');
    }
    const manual = manualTimers();
    let committed = false;
    if (temp.store.dialect === 'postgres') {
      // A team server: every request has a connection of its own; none waits for the import, none sees its open transaction.
      const done = importInto(temp.store, source(), { source: 'gated', format: 'voipms-csv', now: () => FIXED_NOW, onCommit: () => (committed = true) });
      await asked;
      await temp.store.db.insertInto('settings').values({ key: 'probe', value: 'written' }).execute();
      const seen = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect({ committed, seen: Number(seen.n) }).toEqual({ committed: false, seen: 0 });
      release();
      // A file that breaks off keeps the batches written before it.
      expect(await done).toMatchObject({ status: 'failed', added: 100, message: 'the file broke off' });
      const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(100);
      return;
    }
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
    const { store } = temp;
    await refuseRows(store, 'refuse_boom', { table: 'calls', event: 'insert', when: "new.call_id = 'job-150'", message: 'disk trouble' });
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      yield batch(100, 100);
    }
    const result = await importInto(store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW });
    expect(result).toMatchObject({ status: 'failed', added: 0, message: expect.stringContaining('disk trouble') });
    if (store.dialect === 'sqlite') {
      expect(store.sqlite.inTransaction).toBe(false);
      // The import's transactions skip the foreign key lookups; the connection has them back after any end.
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    }
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    // Nothing of it reached the rollups either.
    expect(await temp.store.db.selectFrom('call_totals').selectAll().execute()).toEqual([]);
    // With a transaction per batch, the first batch stays.
    const again = await importInto(store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW, transactionRows: 100 });
    expect(again).toMatchObject({ status: 'failed', added: 100 });
    if (store.dialect === 'sqlite') expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
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

// Issue 16, team mode: "one import at a time" across the instances on one PostgreSQL database.
if (testStoreKind() === 'postgres') {
  describe('import jobs on a team server', () => {
    it('an import while another instance imports waits and says so, a cancel ends it, and the next starts once the other ends', async () => {
      const other = await temp.reopen();
      try {
        // Another instance (a command line on another computer) imports; its second batch waits for the test.
        let release: () => void = () => undefined;
        let committed: () => void = () => undefined;
        const firstCommit = new Promise<void>((resolve) => (committed = resolve));
        async function* source(): AsyncGenerator<CdrBatch> {
          yield batch(0, 100);
          await new Promise<void>((resolve) => (release = resolve));
          yield batch(100, 100);
        }
        const elsewhere = importInto(other, source(), { source: 'elsewhere.csv', format: 'voipms-csv', now: () => FIXED_NOW, transactionRows: 100, onCommit: () => committed() });
        await firstCommit;

        const events = new EventBus();
        const views: ImportJobView[] = [];
        const listeners: (() => void)[] = [];
        events.listen((name, payload) => {
          if (name !== 'import.progress') return;
          views.push(payload as ImportJobView);
          for (const listener of listeners) listener();
        });
        const waitingSeen = (jobId: number) =>
          new Promise<void>((resolve) => {
            const check = () => views.some((view) => view.jobId === jobId && view.message === WAITING_MESSAGE) && resolve();
            listeners.push(check);
            check();
          });
        const manual = manualTimers();
        const jobs = new ImportJobs(createContext(temp.store, () => FIXED_NOW, counterIds(), events), { timers: manual.timers });
        const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
        const text = header + Array.from({ length: 30 }, (_, index) => `2026-11-26 10:00:00,,15145551234,,100000_x,ANSWERED,00:00:30,30,0.01,0.005,here${index}\n`).join('');

        const cancelled = jobs.begin({ fileName: 'cancelled.csv', totalBytes: text.length });
        await waitingSeen(cancelled.jobId);
        expect(jobs.status(cancelled.jobId)).toMatchObject({ status: 'running', added: 0, message: WAITING_MESSAGE });
        jobs.cancel(cancelled.jobId);
        expect(await jobs.finished(cancelled.jobId)).toMatchObject({ status: 'cancelled', added: 0 });

        const next = jobs.begin({ fileName: 'next.csv', totalBytes: text.length });
        await waitingSeen(next.jobId);
        await manual.armed();
        // Still the other's turn: asking again changes nothing.
        manual.fire();
        await manual.armed();
        expect(jobs.status(next.jobId)).toMatchObject({ status: 'running', added: 0 });
        release();
        expect(await elsewhere).toMatchObject({ status: 'done', added: 200 });
        const sent = jobs.chunk({ jobId: next.jobId, text, last: true });
        manual.fire();
        await sent;
        expect(await jobs.finished(next.jobId)).toMatchObject({ status: 'done', added: 30, message: null });
        const history = await temp.store.db.selectFrom('call_imports').select(['source', 'status', 'rows_added']).orderBy('id').execute();
        expect(history).toEqual([
          { source: 'elsewhere.csv', status: 'done', rows_added: 200 },
          { source: 'cancelled.csv', status: 'cancelled', rows_added: 0 },
          { source: 'next.csv', status: 'done', rows_added: 30 },
        ]);
        // Every lock was released on the connection that took it: none is left in either pool's idle connections.
        const held = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`.execute(temp.store.db);
        expect(Number(held.rows[0]!.n)).toBe(0);
      } finally {
        await other.close();
      }
    });
  });
}
