import { describe, expect, it } from 'vitest';
import { parseFixture, parseText } from './helpers';

/**
 * Issue 9: every row of a portal CSV is either imported or listed as rejected with its
 * line number, never merged into a neighbour. A quoted field may hold a line break (RFC
 * 4180), but one that runs past its line and leaves a record the file cannot hold (the
 * quote is closed mid-text, never closed, or the record has the wrong number of fields)
 * is an unclosed quote: its line is rejected and reading resumes at the next line.
 */
describe('portal CSV: an unclosed quote', () => {
  it('unclosed-quote.csv: uq-2 is rejected on its line, uq-3 and uq-4 are read as themselves', async () => {
    const { good, rejected, batches } = await parseFixture('unclosed-quote.csv');
    expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
      [2, 'uq-1'],
      [4, 'uq-3'],
      [5, 'uq-4'],
    ]);
    expect(rejected).toEqual([{ line: 3, reason: expect.stringContaining('quote') }]);
    expect(rejected[0]!.reason).toMatch(/a quote opened in this row/);
    const carol = good.find((cdr) => cdr.callId === 'uq-3')!;
    expect(carol).toMatchObject({ startedAt: '2026-11-02 09:25:40', callerId: '"Carol Roy" <5145550103>', account: '100000_carol' });
    expect(batches.at(-1)?.linesRead).toBe(5);
  });

  it('a quote never closed before the end of the file: its line is rejected, the rows after it are read', async () => {
    const text =
      'date,account,disposition,seconds,uniqueid\n' +
      '2024-03-01 09:00:00,a,BUSY,0,u1\n' +
      '2024-03-01 09:00:00,"a,BUSY,0,u2\n' +
      '2024-03-01 09:00:00,a,BUSY,0,u3\n';
    for (const size of [3, 7, 64, 4096]) {
      const { good, rejected } = await parseText(text, 'voipms-csv', size);
      expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([
        [2, 'u1'],
        [4, 'u3'],
      ]);
      expect(rejected).toEqual([{ line: 3, reason: expect.stringContaining('never closed') }]);
    }
  });

  it('a quoted field over two lines that leaves the record with the header’s fields is still one call', async () => {
    const text =
      'date,callerid,account,disposition,seconds,uniqueid\r\n' +
      '2024-03-01 09:00:00,"""Multi\r\nLine"" <5145550100>",x,BUSY,0,u1\r\n' +
      '2024-03-01 09:00:00,d,x,BUSY,0,u2\r\n';
    const { good, rejected } = await parseText(text, 'voipms-csv', 5);
    expect(rejected).toEqual([]);
    expect(good.map((cdr) => [cdr.line, cdr.callId, cdr.callerId])).toEqual([
      [2, 'u1', '"Multi\r\nLine" <5145550100>'],
      [4, 'u2', 'd'],
    ]);
  });

  it('a quoted field over several lines that gives the record the wrong number of fields: each line stands alone', async () => {
    const text =
      'date,callerid,account,disposition,seconds,uniqueid\n' +
      '2024-03-01 09:00:00,"x,BUSY,0,u1\n' +
      '2024-03-01 09:01:00,y,x,BUSY,0,u2\n' +
      '2024-03-01 09:02:00,z",x,BUSY,0,u3\n';
    const { good, rejected } = await parseText(text, 'voipms-csv', 11);
    // Line 4 on its own is a row (its caller ID `z"` holds a quote as text).
    expect(good.map((cdr) => [cdr.line, cdr.callId, cdr.callerId])).toEqual([
      [3, 'u2', 'y'],
      [4, 'u3', 'z"'],
    ]);
    expect(rejected.map((row) => row.line)).toEqual([2]);
  });
});
