import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CdrFileError, parseCdrStream, type CdrFormat } from '../../../main/cdr';
import { MAX_RECORD_CHARS } from '../../../main/cdr/csvRecords';
import { OVERLONG_REASON } from '../../../main/cdr/parseCsv';
import { collect, parseText } from './helpers';

/**
 * Issue 9: a streamed import without line breaks, or /dev/zero, grew memory to 700–950 MB.
 * A line (or JSON record) longer than MAX_RECORD_CHARS is a rejected row; the readers hold
 * at most about that plus a piece of input, whatever the bytes. Memory is sampled as live
 * heap (after a full GC) while the source is being read: garbage is not what is measured.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 1 << 20;
/** Far above what the readers may hold (~2 × 64 KiB + a source chunk + a batch), far below what the inputs would take. */
const LIVE_HEAP_BOUND = 48 * MiB;

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n';
const row = (id: string): string =>
  `2026-11-02 09:15:02,"""Alice"" <5145550101>",15145551234,Outgoing to Canada - Quebec,100000_alice,ANSWERED,00:01:05,65,0.01000000,0.01100000,${id}\n`;

interface Watched {
  source: AsyncGenerator<Buffer>;
  peakGrowth: () => number;
}

/** `head`, then `megabytes` MiB of `fill`, then `tail`, in 1 MiB chunks; live heap sampled every 8 MiB. */
function generated(head: string, fill: number, megabytes: number, tail: string): Watched {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = 0;
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from(head);
    for (let i = 0; i < megabytes; i++) {
      if (i % 8 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
      yield Buffer.alloc(MiB, fill);
    }
    yield Buffer.from(tail);
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
  }
  return { source: source(), peakGrowth: () => peak };
}

const parse = (watched: Watched, format: CdrFormat) => collect(parseCdrStream(watched.source, format, { batchSize: 1000 }));

describe('bounded reading: CSV', () => {
  it('200 MB of NUL bytes after the header (a /dev/zero upload): one rejected line, bounded memory', async () => {
    const watched = generated(HEADER + row('z-1'), 0, 200, '\n' + row('z-3'));
    const { good, rejected, batches } = await parse(watched, 'voipms-csv');
    expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
      [2, 'z-1'],
      [4, 'z-3'],
    ]);
    expect(rejected).toEqual([{ line: 3, reason: OVERLONG_REASON }]);
    expect(batches.at(-1)?.linesRead).toBe(4);
    expect(watched.peakGrowth()).toBeLessThan(LIVE_HEAP_BOUND);
  }, 120_000);

  it('a file of only NUL bytes is refused once, with bounded memory', async () => {
    const watched = generated('', 0, 64, '');
    await expect(parse(watched, 'voipms-csv')).rejects.toThrow(CdrFileError);
    expect(watched.peakGrowth()).toBeLessThan(LIVE_HEAP_BOUND);
  }, 60_000);

  it('one huge line among good ones: that line is rejected with its number', async () => {
    const huge = `2026-11-02 09:15:02,${'x'.repeat(MAX_RECORD_CHARS)},1,d,a,ANSWERED,00:00:01,1,0,0,big\r\n`;
    for (const size of [1000, 65_536, 1 << 20]) {
      const { good, rejected } = await parseText(HEADER + row('h-1') + huge + row('h-3'), 'voipms-csv', size);
      expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
        [2, 'h-1'],
        [4, 'h-3'],
      ]);
      expect(rejected).toEqual([{ line: 3, reason: OVERLONG_REASON }]);
    }
  });

  it('a line just under the limit is read', async () => {
    const callerId = 'y'.repeat(MAX_RECORD_CHARS - 200);
    const { good, rejected } = await parseText(HEADER + row('l-1').replace('"""Alice"" <5145550101>"', callerId), 'voipms-csv', 4096);
    expect(rejected).toEqual([]);
    expect(good[0]?.callerId).toBe(callerId);
  });

  it('a quote never closed that would swallow more than the limit: its line is rejected, the rows after it are read', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(`r-${i}`).replace('"""Alice"" <5145550101>"', '5145550101'));
    const text = HEADER + '2026-11-02 09:15:02,"Bob <5145550102>,15145550199,x,100000_bob,ANSWERED,00:00:42,42,0,0,open\n' + rows.join('');
    expect(rows.join('').length).toBeGreaterThan(MAX_RECORD_CHARS);
    const { good, rejected } = await parseText(text, 'voipms-csv', 65_536);
    expect(rejected.map((rejection) => rejection.line)).toEqual([2]);
    expect(good).toHaveLength(2000);
    expect(good[0]).toMatchObject({ line: 3, callId: 'r-0' });
    expect(good.at(-1)).toMatchObject({ line: 2002, callId: 'r-1999' });
  });
});

describe('bounded reading: JSON', () => {
  const record = (id: string): string =>
    JSON.stringify({ date: '2026-11-02 09:15:02', callerid: '5145550101', destination: '15145551234', description: 'Outgoing', account: '100000_alice', disposition: 'ANSWERED', seconds: '65', total: '0.011', uniqueid: id });

  it('a record holding a 200 MB string: that record is rejected, the others read, bounded memory', async () => {
    const watched = generated(`{"status":"success","cdr":[${record('j-1')},{"callerid":"`, 0x61, 200, `","uniqueid":"j-2"},${record('j-3')}]}`);
    const { good, rejected } = await parse(watched, 'voipms-json');
    expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
      [1, 'j-1'],
      [3, 'j-3'],
    ]);
    expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining('longer than 65,536 characters') }]);
    expect(watched.peakGrowth()).toBeLessThan(LIVE_HEAP_BOUND);
  }, 120_000);

  it('skips a long record to its real end: escaped quotes, backslashes and brackets inside its strings', async () => {
    const tricky = '\\"}]{[\\\\'.repeat(MAX_RECORD_CHARS / 4);
    const long = JSON.stringify({ callerid: tricky, description: '{"a":[1]}', uniqueid: 'long' });
    expect(JSON.parse(long)).toMatchObject({ uniqueid: 'long' });
    const text = `{"status":"success","cdr":[${record('s-1')},${long},${record('s-3')}]}`;
    for (const size of [999, 65_536, 1 << 20]) {
      const { good, rejected } = await parseText(text, 'voipms-json', size);
      expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
        [1, 's-1'],
        [3, 's-3'],
      ]);
      expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining('longer than') }]);
    }
  });

  it('a key of the answer holding a 100 MB value is skipped without being held', async () => {
    const watched = generated('{"status":"success","note":"', 0x62, 100, `","cdr":[${record('k-1')}]}`);
    const { good, rejected } = await parse(watched, 'voipms-json');
    expect(good.map((cdr) => cdr.callId)).toEqual(['k-1']);
    expect(rejected).toEqual([]);
    expect(watched.peakGrowth()).toBeLessThan(LIVE_HEAP_BOUND);
  }, 120_000);

  it('a list followed by 200 MB of NUL bytes ends with a file error, bounded memory', async () => {
    const watched = generated('[', 0, 200, '');
    await expect(parse(watched, 'voipms-json')).rejects.toThrow(CdrFileError);
    expect(watched.peakGrowth()).toBeLessThan(LIVE_HEAP_BOUND);
  }, 120_000);
});
