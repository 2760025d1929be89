import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CdrFileError, parseCdrFile } from '../../../main/cdr';
import { quoteBareNumbers, scanValueEnd, INCOMPLETE } from '../../../main/cdr/jsonScan';
import { fixture, parseFixture, parseText } from './helpers';

describe('provider JSON answers (getCDR / getResellerCDR)', () => {
  it('api-success.json: 6 calls, none rejected', async () => {
    const { good, rejected } = await parseFixture('api-success.json');
    expect(good).toHaveLength(6);
    expect(rejected).toEqual([]);
    expect(good.map((cdr) => cdr.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(good[0]).toMatchObject({
      callId: '128238059',
      direction: 'inbound',
      didNumber: '15145550100',
      seconds: 191,
      costRate: 900_000,
      costTotal: 28_800,
    });
    // Braces, brackets and escaped quotes inside a string do not confuse the tokenizer.
    expect(good[2]).toMatchObject({
      callerId: '"{Alice} [Martin] \\"AM\\"" <5145550100>',
      destination: '011447700900123',
      costRate: 4_567_890,
      costTotal: 9136,
      direction: 'outbound',
      didNumber: null,
    });
    // The destination is kept as written ('+' included); rating normalises it (preload/common/phone.ts).
    expect(good[3]).toMatchObject({ callId: 'a1b2c3d4e5', disposition: 'NO ANSWER', destination: '+12125551234' });
    expect(good.map((cdr) => cdr.disposition)).toEqual(['ANSWERED', 'ANSWERED', 'ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED']);
  });

  it('api-no-cdr.json: the empty list is not an error', async () => {
    const { good, rejected, batches } = await parseFixture('api-no-cdr.json');
    expect([good.length, rejected.length, batches.length]).toEqual([0, 0, 1]);
    expect(batches[0]).toMatchObject({ linesRead: 0, bytesRead: 20 });
  });

  it('api-error-status.json: any other status is an error naming it', async () => {
    const error = await parseFixture('api-error-status.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CdrFileError);
    expect((error as CdrFileError).message).toContain('no_callstatus');
    expect((error as CdrFileError).providerStatus).toBe('no_callstatus');
    expect((error as CdrFileError).code).toBe('invalid_input');
  });

  it('api-bare-numbers.json: bare numbers keep their exact text', async () => {
    const { good, rejected } = await parseFixture('api-bare-numbers.json');
    expect([good.length, rejected.length]).toEqual([2, 0]);
    expect(good[0]).toMatchObject({
      callId: '98765432109876543210', // past 2^53: never went through a float
      destination: '15145551234',
      seconds: 120,
      costRate: 1_000_000,
      costTotal: 20_000,
    });
    expect(good[1]).toMatchObject({ callId: '128238070', seconds: 30, costRate: 15, costTotal: 1 });
  });

  it('api-reseller-cdr.json: no rate field, destination_type marks inbound', async () => {
    const { good, rejected } = await parseFixture('api-reseller-cdr.json');
    expect([good.length, rejected.length]).toEqual([3, 0]);
    expect(good.map((cdr) => [cdr.direction, cdr.didNumber, cdr.costRate, cdr.costTotal])).toEqual([
      ['inbound', '15145550100', null, 90_000],
      ['inbound', '15145550101', null, 6300],
      ['outbound', null, null, 55_000],
    ]);
  });

  it('api-documents-list.json: a list of answers, records numbered across them', async () => {
    const { good, rejected } = await parseFixture('api-documents-list.json');
    expect([good.length, rejected.length]).toEqual([3, 0]);
    expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
      [1, '128238059'],
      [2, '128238060'],
      [3, '128238061'],
    ]);
  });

  it('api-bare-list.json: a bare list of CDRs, bad elements rejected', async () => {
    const { good, rejected } = await parseFixture('api-bare-list.json');
    expect(good.map((cdr) => cdr.callId)).toEqual(['128238059', '128238060']);
    expect(rejected).toEqual([
      { line: 3, reason: 'missing uniqueid' },
      { line: 4, reason: 'not a JSON object' },
    ]);
  });

  it('api-fetch-one.json: an object where the list was expected', async () => {
    const { good } = await parseFixture('api-fetch-one.json');
    expect(good.map((cdr) => cdr.callId)).toEqual(['128238060']);
  });

  it('api-truncated.json: a cut file is an error, after the complete records', async () => {
    const batches: number[] = [];
    const error = await (async () => {
      for await (const batch of parseCdrFile(fixture('api-truncated.json'), undefined, { batchSize: 1 })) {
        batches.push(batch.good.length);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CdrFileError);
    expect((error as Error).message).toContain('truncated');
    expect(batches).toEqual([1, 1]);
  });

  it.each([1, 2, 3, 7, 64, 4096])('gives the same records whatever the chunk size (%d bytes)', async (size) => {
    const text = readFileSync(fixture('api-success.json'), 'utf8');
    const whole = await parseText(text, 'voipms-json', 1 << 20);
    const cut = await parseText(text, 'voipms-json', size, true);
    expect(cut.good).toEqual(whole.good);
  });

  it('decodes UTF-8 cut inside a character and drops a BOM', async () => {
    const text = '\ufeff{"status":"success","cdr":[{"date":"2024-03-01 09:00:00","callerid":"\\"Zoë 日本 🎉\\" <1>",' +
      '"account":"a","disposition":"ANSWERED","seconds":"1","uniqueid":"u1"}]}';
    for (const size of [1, 2, 3, 5]) {
      const { good } = await parseText(text, 'voipms-json', size, true);
      expect(good[0]?.callerId).toBe('"Zoë 日本 🎉" <1>');
    }
  });

  it.each([
    ['', 'The file is empty'],
    ['   ', 'The file is empty'],
    ['"text"', 'Expected a JSON object or list'],
    ['{"foo":1}', 'neither "status" nor "cdr"'],
    ['{"status" "success"}', 'Expected ":"'],
  ])('refuses %j', async (text, message) => {
    await expect(parseText(text, 'voipms-json')).rejects.toThrow(message);
  });

  it('reads the status wherever it is, and an error status after records still fails', async () => {
    const record = '{"date":"2024-03-01 09:00:00","account":"a","disposition":"BUSY","seconds":"0","uniqueid":"u1"}';
    const ok = await parseText(`{"cdr":[${record}],"status":"success"}`, 'voipms-json');
    expect(ok.good).toHaveLength(1);
    await expect(parseText(`{"cdr":[${record}],"status":"api_limit_exceeded"}`, 'voipms-json')).rejects.toThrow(
      'api_limit_exceeded',
    );
  });
});

describe('JSON scanning', () => {
  const scan = (text: string, atEnd = false): number =>
    scanValueEnd(text, 0, atEnd, { end: 0, hasBareNumber: false }).end;

  it.each([
    ['"a\\"b" tail', 6],
    ['"a\\\\" tail', 5],
    ['{"a":"}"} tail', 9],
    ['[1,[2],{"x":"]"}],', 17],
    ['123,', 3],
    ['true}', 4],
  ])('finds the end of %j', (text, end) => {
    expect(scan(text)).toBe(end);
  });

  it.each(['"abc', '"a\\"', '{"a":"}"', '[1,2', '123'])('needs more input for %j', (text) => {
    expect(scan(text)).toBe(INCOMPLETE);
  });

  it('a number at the very end is complete once the input is over', () => {
    expect(scan('123', true)).toBe(3);
  });

  it('quotes bare numbers, never digits inside strings', () => {
    expect(quoteBareNumbers('{"a":12,"b":"3 4","c":[-1.5e-7,true]}')).toBe('{"a":"12","b":"3 4","c":["-1.5e-7",true]}');
  });
});
