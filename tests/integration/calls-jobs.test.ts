import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CdrBatch } from '../../main/cdr';
import { ImportJobs } from '../../main/services/calls/jobs';
import { importCalls } from '../../main/services/calls/importCalls';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

function batch(from: number, size: number): CdrBatch {
  const good = Array.from({ length: size }, (_, index) => ({
    line: from + index + 2,
    callId: `job-${from + index}`,
    startedAt: '2026-11-26 10:00:00',
    callerId: '',
    destination: '15145551234',
    description: '',
    account: '100000_nobody',
    disposition: 'ANSWERED' as const,
    seconds: 30,
    costRate: null,
    costTotal: null,
    direction: 'outbound' as const,
    didNumber: null,
  }));
  return { good, rejected: [], linesRead: from + size + 1, bytesRead: (from + size) * 100 };
}

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
    const done = importCalls(temp.store, source(), {
      source: 'gated',
      format: 'voipms-csv',
      totalBytes: 100_000,
      signal: controller.signal,
      now: () => FIXED_NOW,
      onProgress: (progress) => seen.push(progress.added),
    });
    // A transaction waits half a second for the next batch, then commits what it has.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(seen.at(-1)).toBe(100);
    release();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(seen.at(-1)).toBe(200);
    controller.abort();
    release();
    const result = await done;
    expect(result).toMatchObject({ status: 'cancelled', added: 200, unrated: 200 });
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(200);
  });

  it('makes other requests wait for its commit, never writing into its transaction', async () => {
    let release: () => void = () => undefined;
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('the file broke off');
    }
    const done = importCalls(temp.store, source(), { source: 'gated', format: 'voipms-csv', now: () => FIXED_NOW });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Asked while the import's transaction is open: answered once it has committed.
    const asked = Date.now();
    const write = temp.store.db
      .insertInto('settings')
      .values({ key: 'probe', value: 'written' })
      .execute()
      .then(() => Date.now() - asked);
    expect(await write).toBeGreaterThanOrEqual(300);
    release();
    const result = await done;
    expect(result).toMatchObject({ status: 'failed', added: 100, message: 'the file broke off' });
    const probe = await temp.store.db.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirst();
    expect(probe?.value).toBe('written');
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(100);
  });

  it('rolls the whole transaction back when a write fails half-way, and counts nothing of it', async () => {
    temp.store.sqlite.exec(`create trigger refuse_boom before insert on calls when new.call_id = 'job-150' begin select raise(abort, 'disk trouble'); end`);
    async function* source(): AsyncGenerator<CdrBatch> {
      yield batch(0, 100);
      yield batch(100, 100);
    }
    const result = await importCalls(temp.store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW });
    expect(result).toMatchObject({ status: 'failed', added: 0, message: 'disk trouble' });
    expect(temp.store.sqlite.inTransaction).toBe(false);
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    // With a transaction per batch, the first batch stays.
    const again = await importCalls(temp.store, source(), { source: 'boom', format: 'voipms-csv', now: () => FIXED_NOW, transactionRows: 100 });
    expect(again).toMatchObject({ status: 'failed', added: 100 });
  });

  it('runs one import at a time and reports unknown jobs', async () => {
    const jobs = new ImportJobs(temp.store, () => FIXED_NOW);
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
    const jobs = new ImportJobs(temp.store, () => FIXED_NOW);
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
});
