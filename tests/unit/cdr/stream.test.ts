import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cdrCsvHeader,
  cdrCsvLine,
  detectCdrFormat,
  parseCdrFile,
  parseCdrStream,
  type CdrCsvRecord,
} from '../../../main/cdr';
import { chunked, collect, fixture } from './helpers';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdr-stream-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function providerRow(i: number): CdrCsvRecord {
  const seconds = (i * 7919) % 3600;
  return {
    date: `2024-03-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    callerid: `"Client ${i % 2000}, Inc." <514555${String(i % 10_000).padStart(4, '0')}>`,
    destination: `1514${String(5_550_000 + i).slice(-7)}`,
    description: i % 4 === 0 ? 'Inbound DID' : 'Outgoing to Canada - Quebec',
    account: `100000_sub${i % 5000}`,
    disposition: i % 5 === 0 ? 'NO ANSWER' : 'ANSWERED',
    duration: '',
    seconds: String(seconds),
    rate: '0.00900000',
    total: (Math.ceil(seconds / 6) * 0.0009).toFixed(8),
    uniqueid: String(100_000_000 + i),
  };
}

async function writeCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let buffer = cdrCsvHeader();
  for (let i = 0; i < rows; i++) {
    buffer += cdrCsvLine(providerRow(i));
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return (await stat(path)).size;
}

describe('detectCdrFormat', () => {
  it.each([
    ['{"status":"success"}', 'voipms-json'],
    ['\ufeff  \n[{"date":', 'voipms-json'],
    ['date,callerid,destination', 'voipms-csv'],
    ['\ufeffDate,CallerID', 'voipms-csv'],
    ['', 'voipms-csv'],
  ] as const)('%j is %s', (text, format) => {
    expect(detectCdrFormat(text)).toBe(format);
  });

  it('parseCdrFile detects the format from the file', async () => {
    const json = await collect(parseCdrFile(fixture('api-success.json')));
    const csv = await collect(parseCdrFile(fixture('crlf-bom.csv')));
    expect([json.good.length, csv.good.length]).toEqual([6, 3]);
  });
});

describe('parseCdrStream batches', () => {
  it('yields batches of the requested size with growing counters', async () => {
    const text = cdrCsvHeader() + Array.from({ length: 25 }, (_, i) => cdrCsvLine(providerRow(i))).join('');
    const batches = (await collect(parseCdrStream(chunked(text, 100, true), 'voipms-csv', { batchSize: 10 }))).batches;
    expect(batches.map((batch) => batch.good.length)).toEqual([10, 10, 5]);
    expect(batches.map((batch) => batch.linesRead)).toEqual([11, 21, 26]);
    expect(batches.at(-1)?.bytesRead).toBe(Buffer.byteLength(text));
    expect(batches[1]?.good[0]?.line).toBe(12);
  });

  it('counts rejected rows in the batch size', async () => {
    const rows = [cdrCsvLine(providerRow(0)), cdrCsvLine({ ...providerRow(1), disposition: 'LOST' }), cdrCsvLine(providerRow(2))];
    const { batches } = await collect(parseCdrStream(chunked(cdrCsvHeader() + rows.join(''), 1000), 'voipms-csv', { batchSize: 2 }));
    expect(batches.map((batch) => [batch.good.length, batch.rejected.length])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });

  it('reads a Node stream', async () => {
    const { good } = await collect(parseCdrStream(createReadStream(fixture('portal.csv')), 'voipms-csv'));
    expect(good).toHaveLength(6);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(collect(parseCdrStream(chunked('', 1), 'voipms-csv', { batchSize: 0 }))).rejects.toThrow('batchSize');
  });

  it('stops reading (and closes the file) when the caller stops early', async () => {
    const path = join(dir, 'early.csv');
    await writeCsv(path, 20_000);
    let batches = 0;
    for await (const batch of parseCdrFile(path, undefined, { batchSize: 1000 })) {
      batches++;
      expect(batch.good).toHaveLength(1000);
      if (batches === 2) break;
    }
    expect(batches).toBe(2);
  });
});

describe('streaming memory', () => {
  it('parses a 200,000-row CSV in batches with live heap far below the file size', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = join(dir, 'large.csv');
    const fileSize = await writeCsv(path, 200_000);
    expect(fileSize).toBeGreaterThan(25_000_000);

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peakGrowth = 0;
    let rows = 0;
    let batches = 0;
    for await (const batch of parseCdrFile(path, 'voipms-csv')) {
      rows += batch.good.length;
      batches++;
      expect(batch.rejected).toEqual([]);
      // Live memory while the parser is suspended mid-file: garbage is not what we measure.
      gc();
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline);
    }
    expect(rows).toBe(200_000);
    expect(batches).toBe(40);
    expect(peakGrowth).toBeLessThan(fileSize * 0.5);
    // Bounded by the batch (5,000 rows), not the file: a few MB at most.
    expect(peakGrowth).toBeLessThan(12_000_000);
  }, 60_000);

  it('streams a large JSON answer the same way', async () => {
    const path = join(dir, 'large.json');
    const records = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(providerRow(i)));
    await writeFile(path, `{"status":"success","cdr":[\n${records.join(',\n')}\n]}\n`);
    const { good, rejected, batches } = await collect(parseCdrFile(path, undefined, { batchSize: 5000 }));
    expect([good.length, rejected.length, batches.length]).toEqual([20_000, 0, 4]);
    expect(good[19_999]).toMatchObject({ line: 20_000, callId: '100019999' });
  });
});
