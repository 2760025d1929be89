import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdrFileError, normalizeCdrRecord } from '../../../main/cdr';
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
    expect(reader.linesRead).toBe(2);
  });

  it('reads a whole file given as one string (an import of pasted text)', async () => {
    const text = HEADER + Array.from({ length: 30_000 }, (_, i) => row(`u${i}`)).join('');
    const { good, rejected, batches } = await collect(
      (await import('../../../main/cdr')).parseCdrStream(Readable.from([text]), 'voipms-csv', { batchSize: 10_000 }),
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
