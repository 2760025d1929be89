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
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)).toBe(100);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.at(-1)).toBe(200);
    controller.abort();
    release();
    const result = await done;
    expect(result).toMatchObject({ status: 'cancelled', added: 200, unrated: 200 });
    const stored = await temp.store.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(200);
  });

  it('runs one import at a time and reports unknown jobs', async () => {
    const jobs = new ImportJobs(temp.store, () => FIXED_NOW);
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const rows = Array.from({ length: 50 }, (_, index) => `2026-11-26 10:00:00,,15145551234,,100000_x,ANSWERED,00:00:30,30,0.01,0.005,t${index}`).join('\n');
    const first = jobs.startText({ text: header + rows, fileName: 'a.csv' });
    expect(() => jobs.startText({ text: header + rows, fileName: 'b.csv' })).toThrow(/already running/);
    const finished = await jobs.finished(first.jobId);
    expect(finished).toMatchObject({ status: 'done', added: 50, bytesRead: (header + rows).length });
    expect(() => jobs.status(999)).toThrow(/not found/);
  });
});
