import { describe, expect, it } from 'vitest';
import { CdrFileError } from '../../../main/cdr';
import { parseFixture, parseText } from './helpers';

describe('portal CSV export', () => {
  it('portal.csv: 6 calls with the API field names', async () => {
    const { good, rejected, batches } = await parseFixture('portal.csv');
    expect([good.length, rejected.length]).toEqual([6, 0]);
    expect(good.map((cdr) => cdr.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(good[0]).toEqual({
      line: 2,
      callId: '128238059',
      startedAt: '2024-03-01 09:15:02',
      callerId: '"Caller Name" <4165550199>',
      destination: '15145550100',
      description: 'Inbound DID',
      account: '100000_alice',
      disposition: 'ANSWERED',
      seconds: 191,
      costRate: 900_000,
      costTotal: 28_800,
      direction: 'inbound',
      didNumber: '15145550100',
    });
    expect(good[2]).toMatchObject({ costRate: 4_567_890, costTotal: 9136, direction: 'outbound' });
    // The destination is kept as written ('+' included); rating normalises it (preload/common/phone.ts).
    expect(good[3]).toMatchObject({ callId: 'a1b2c3d4e5', destination: '+12125551234', disposition: 'NO ANSWER' });
    expect(batches.at(-1)).toMatchObject({ linesRead: 7, bytesRead: 960 });
  });

  it('parses the same calls from the JSON answer and the CSV export', async () => {
    const json = await parseFixture('api-success.json');
    const csv = await parseFixture('portal.csv');
    const withoutLine = (cdrs: typeof json.good): unknown[] => cdrs.map(({ line: _line, ...rest }) => rest);
    // The JSON fixture's third caller ID carries extra escapes to exercise the tokenizer.
    expect(withoutLine(csv.good).filter((_, i) => i !== 2)).toEqual(withoutLine(json.good).filter((_, i) => i !== 2));
  });

  it('reordered-columns.csv: any column order, header case and spaces, extra columns ignored', async () => {
    const { good, rejected } = await parseFixture('reordered-columns.csv');
    expect([good.length, rejected.length]).toEqual([3, 0]);
    expect(good[0]).toMatchObject({
      line: 2,
      callId: '128238090',
      account: '100000_carol',
      callerId: `"Carol's Mum" <6135550188>`,
      seconds: 125,
      costRate: 650_000,
      costTotal: 13_500,
      direction: 'inbound',
      didNumber: '15145550102',
    });
    expect(good[1]).toMatchObject({ costTotal: 11_667, direction: 'outbound', destination: '14165551234' });
    expect(good[2]).toMatchObject({ disposition: 'NO ANSWER', seconds: 0 });
  });

  it('crlf-bom.csv: BOM, CRLF and blank trailing lines', async () => {
    const { good, rejected } = await parseFixture('crlf-bom.csv');
    expect([good.length, rejected.length]).toEqual([3, 0]);
    expect(good.map((cdr) => [cdr.line, cdr.callId, cdr.seconds])).toEqual([
      [2, '128238100', 5],
      [3, '128238101', 59],
      [4, '128238102', 0],
    ]);
    expect(good[0]).toMatchObject({ startedAt: '2024-03-05 10:00:00', costTotal: 900, didNumber: '15145550103' });
  });

  it('quoted-callerid-commas.csv: commas, doubled quotes and a field over two lines', async () => {
    const { good, rejected } = await parseFixture('quoted-callerid-commas.csv');
    expect([good.length, rejected.length]).toEqual([4, 0]);
    expect(good.map((cdr) => cdr.callerId)).toEqual([
      '"Martin, Alice" <5145550100>',
      '"Pat "Cat", Jr." <6135550123>',
      '"Multi\nLine" <6135550124>',
      '',
    ]);
    expect(good[1]).toMatchObject({ description: 'Inbound DID, forwarded', direction: 'inbound' });
    // The third record spans lines 4-5, so the fourth starts on line 6.
    expect(good.map((cdr) => cdr.line)).toEqual([2, 3, 4, 6]);
    expect(good[2]?.costTotal).toBe(1667);
  });

  it('unquoted-callerid.csv: a caller ID written without CSV quoting', async () => {
    const { good, rejected } = await parseFixture('unquoted-callerid.csv');
    expect([good.length, rejected.length]).toEqual([2, 0]);
    expect(good[0]?.callerId).toBe('"John Doe" <5551112222>');
  });

  it('bad-rows.csv: exactly 3 bad rows among 7 good ones, parsing goes on', async () => {
    const { good, rejected } = await parseFixture('bad-rows.csv');
    expect([good.length, rejected.length]).toEqual([7, 3]);
    expect(rejected).toEqual([
      { line: 3, reason: 'date "2024-02-30 08:01:00" is not a real date-time (expected YYYY-MM-DD HH:MM:SS)' },
      { line: 6, reason: 'disposition "CONGESTION" is not ANSWERED, NO ANSWER, BUSY or FAILED' },
      { line: 9, reason: 'seconds "-5" is negative' },
    ]);
    expect(good.map((cdr) => cdr.line)).toEqual([2, 4, 5, 7, 8, 10, 11]);
  });

  it('duration-only.csv: seconds derived from HH:MM:SS', async () => {
    const { good } = await parseFixture('duration-only.csv');
    expect(good.map((cdr) => cdr.seconds)).toEqual([3723, 9]);
  });

  it('missing-columns.csv: refused once, naming the column', async () => {
    const error = await parseFixture('missing-columns.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CdrFileError);
    expect((error as Error).message).toContain('The CSV header has no uniqueid column');
  });

  it('header-only.csv: no calls, one empty batch', async () => {
    const { good, rejected, batches } = await parseFixture('header-only.csv');
    expect([good.length, rejected.length, batches.length]).toEqual([0, 0, 1]);
    expect(batches[0]?.linesRead).toBe(1);
  });

  it('empty.csv: refused', async () => {
    await expect(parseFixture('empty.csv')).rejects.toThrow('The file is empty');
  });

  it('rejects a row with more fields than the header (an unquoted comma)', async () => {
    const text =
      'date,callerid,account,disposition,seconds,uniqueid\n' +
      '2024-03-01 09:00:00,Smith, John,a,BUSY,0,u1\n' +
      '2024-03-01 09:00:00,John,a,BUSY,0,u2\n';
    const { good, rejected } = await parseText(text, 'voipms-csv');
    expect(good.map((cdr) => cdr.callId)).toEqual(['u2']);
    expect(rejected).toEqual([
      { line: 2, reason: 'has 7 fields but the header has 6 (a comma in an unquoted caller ID or description?)' },
    ]);
  });

  it('skips rows of bare commas that spreadsheets append, and keeps line numbers right', async () => {
    const text = 'date,account,disposition,seconds,uniqueid\r\n,,,,\r\n\r\n2024-03-01 09:00:00,a,BUSY,0,u1\r\n,,,,\r\n';
    const { good, rejected } = await parseText(text, 'voipms-csv', 5);
    expect(rejected).toEqual([]);
    expect(good.map((cdr) => [cdr.line, cdr.callId])).toEqual([[4, 'u1']]);
  });

  it('counts a CRLF inside a quoted field as one line', async () => {
    const text =
      'date,callerid,account,disposition,seconds,uniqueid\r\n' +
      '2024-03-01 09:00:00,"a\r\nb\r\nc",x,BUSY,0,u1\r\n' +
      '2024-03-01 09:00:00,d,x,BUSY,0,u2\r\n' +
      '2024-03-01 09:00:00,e,x,BUSY,0,u3\r\n';
    const { good } = await parseText(text, 'voipms-csv', 3, true);
    expect(good.map((cdr) => cdr.line)).toEqual([2, 5, 6]);
  });

  it('reports a row the CSV reader cannot read: a quote never closed, and reads the rows after it', async () => {
    const text =
      'date,account,disposition,seconds,uniqueid\n' +
      '2024-03-01 09:00:00,a,BUSY,0,u1\n' +
      '2024-03-01 09:00:00,"a,BUSY,0,u2\n' +
      '2024-03-01 09:00:00,a,BUSY,0,u3\n';
    const { good, rejected } = await parseText(text, 'voipms-csv');
    expect(good.map((cdr) => cdr.callId)).toEqual(['u1', 'u3']);
    expect(rejected).toEqual([
      { line: 3, reason: 'malformed CSV: a quote opened in this row is never closed (the row is skipped; reading resumes at the next line)' },
    ]);
  });
});
