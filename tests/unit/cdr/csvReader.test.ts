import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CdrFileError, normalizeCdrRecord, parseCdrStream } from '../../../main/cdr';
import { CsvCdrReader, RECORD_FIELDS } from '../../../main/cdr/parseCsv';
import { collect, parseText } from './helpers';

const HEADER = 'date,account,disposition,seconds,uniqueid\n';
const row = (id: string): string => `2024-03-01 09:00:00,a,BUSY,0,${id}\n`;

/** A source that records whether it was closed, as a file stream would be. */
function tracked(parts: string[], failAt = -1): { source: AsyncGenerator<string>; state: { closed: boolean; pulled: number } } {
  const state = { closed: false, pulled: 0 };
  async function* source(): AsyncGenerator<string> {
    try {
      for (const [i, part] of parts.entries()) {
        if (i === failAt) throw new Error('disk gone');
        state.pulled++;
        yield part;
      }
    } finally {
      state.closed = true;
    }
  }
  return { source: source(), state };
}

describe('CsvCdrReader.rows()', () => {
  it('closes the source when the caller stops early, having read no further', async () => {
    const { source, state } = tracked([HEADER + row('u1') + row('u2'), row('u3'), row('u4')]);
    const ids: string[] = [];
    for await (const cdr of new CsvCdrReader(source).rows()) {
      ids.push('callId' in cdr ? cdr.callId : '');
      if (ids.length === 2) break;
    }
    expect(ids).toEqual(['u1', 'u2']);
    expect(state).toEqual({ closed: true, pulled: 1 });
  });

  it('closes the source when the header is refused', async () => {
    const { source, state } = tracked(['date,account\n', row('u1')]);
    const error = await collectRows(new CsvCdrReader(source)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CdrFileError);
    expect(state.closed).toBe(true);
  });

  it('passes a read error on, then is done', async () => {
    const { source } = tracked([HEADER, row('u1'), row('u2')], 2);
    const rows = new CsvCdrReader(source).rows();
    expect(await rows.next()).toMatchObject({ done: false, value: { callId: 'u1' } });
    await expect(rows.next()).rejects.toThrow('disk gone');
    expect(await rows.next()).toEqual({ done: true, value: undefined });
  });

  it('serves requests made without waiting in order, like an async generator', async () => {
    const { source } = tracked([HEADER, row('u1'), row('u2') + row('u3')]);
    const rows = new CsvCdrReader(source).rows();
    const results = await Promise.all([rows.next(), rows.next(), rows.next(), rows.next()]);
    expect(results.map((result) => (result.done ? 'done' : 'callId' in result.value ? result.value.callId : ''))).toEqual([
      'u1',
      'u2',
      'u3',
      'done',
    ]);
  });

  it('reports the empty file after the rows it could read', async () => {
    const { source } = tracked(['\n\n"never closed\n']);
    const reader = new CsvCdrReader(source);
    const rows = reader.rows();
    expect(await rows.next()).toMatchObject({ done: false, value: { line: 3, reason: expect.stringContaining('never closed') } });
    await expect(rows.next()).rejects.toThrow('The file is empty');
    // The line of the quote never closed is read (and rejected): three lines.
    expect(reader.linesRead).toBe(3);
  });

  it('reads a whole file given as one string (an import of pasted text)', async () => {
    const text = HEADER + Array.from({ length: 30_000 }, (_, i) => row(`u${i}`)).join('');
    const { good, rejected, batches } = await collect(
      parseCdrStream(Readable.from([text]), 'voipms-csv', { batchSize: 10_000 }),
    );
    expect([good.length, rejected.length, batches.length]).toEqual([30_000, 0, 3]);
    expect(good.at(-1)).toMatchObject({ line: 30_001, callId: 'u29999' });
  });

  it('maps duplicate and missing columns as before: the last column of a name wins, absent is empty', async () => {
    const text = 'date,account,disposition,seconds,uniqueid,account,callerid\n2024-03-01 09:00:00,a,BUSY,0,u1,b\n';
    const { good } = await parseText(text, 'voipms-csv');
    expect(good).toMatchObject([{ account: 'b', callerId: '' }]);
  });
});

describe('memory', () => {
  it('keeps no piece of the file alive through the calls a caller keeps', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const line = (i: number): string =>
      `2024-03-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00,"""Client ${i}"" <5145550100>",` +
      `1514555${String(i % 10_000).padStart(4, '0')},Outgoing to Canada - Quebec ${i % 7},100000_account_${i % 300},` +
      `ANSWERED,00:00:30,30,0.01000000,0.00500000,${1_000_000 + i}\n`;
    const header = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
    const bytes = Buffer.from(header + Array.from({ length: 40_000 }, (_, i) => line(i)).join(''));
    const parts = Array.from({ length: Math.ceil(bytes.length / 262_144) }, (_, i) => bytes.subarray(i * 262_144, (i + 1) * 262_144));
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: unknown[] = [];
    let n = 0;
    for await (const batch of parseCdrStream(Readable.from(parts), 'voipms-csv')) {
      for (const cdr of batch.good) if (n++ % 200 === 0) kept.push(cdr);
    }
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    expect(kept).toHaveLength(200);
    // Measured ~0.5 MB; ~7 MB when a kept call held its 64 KiB piece of the text alive.
    expect(growth).toBeLessThan(4_000_000);
  });
});

describe('the record given to normalizeCdrRecord', () => {
  it('has every field normalizeCdrRecord reads', () => {
    const read = new Set<string | symbol>();
    const spy = new Proxy({}, { get: (_, name) => (read.add(name), undefined) });
    normalizeCdrRecord(spy, 1);
    expect([...read].filter((name) => !(RECORD_FIELDS as readonly (string | symbol)[]).includes(name))).toEqual([]);
  });
});

async function collectRows(reader: CsvCdrReader): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const r of reader.rows()) rows.push(r);
  return rows;
}
