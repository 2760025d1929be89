import { describe, expect, it } from 'vitest';
import { cdrCsvHeader, cdrCsvLine, formatDuration, micros, rateE8, toProviderRecord } from './imports';

describe('writing the portal CSV', () => {
  const record = toProviderRecord({
    callId: '128238059',
    startedAt: '2024-03-01 09:15:02',
    callerId: '"Martin, Alice" <5145550100>',
    destination: '15145551234',
    description: 'Outgoing to Canada - Quebec',
    account: '100000_alice',
    disposition: 'NO ANSWER',
    seconds: 3723,
    costRate: rateE8(900_000),
    costTotal: micros(9136),
  });

  it('writes the API field names as the header', () => {
    expect(cdrCsvHeader()).toBe('date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid\n');
    expect(cdrCsvHeader(['uniqueid', 'date'])).toBe('uniqueid,date\n');
  });

  it('writes amounts and durations the way the provider does, quoting only what needs it', () => {
    expect(cdrCsvLine(record)).toBe(
      '2024-03-01 09:15:02,"""Martin, Alice"" <5145550100>",15145551234,Outgoing to Canada - Quebec,' +
        '100000_alice,NO ANSWER,01:02:03,3723,0.00900000,0.00913600,128238059\n',
    );
  });

  it('follows the column order it is given, and writes absent values empty', () => {
    const withoutCosts = { ...record, rate: '', total: '' };
    expect(cdrCsvLine(withoutCosts, ['uniqueid', 'rate', 'destination_type', 'callerid'])).toBe(
      '128238059,,,"""Martin, Alice"" <5145550100>"\n',
    );
  });

  it.each([
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    ['say "hi"', '"say ""hi"""'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (value, expected) => {
    expect(cdrCsvLine({ ...record, callerid: value }, ['callerid'])).toBe(`${expected}\n`);
  });

  it.each([
    [0, '00:00:00'],
    [59, '00:00:59'],
    [3723, '01:02:03'],
    [360_000, '100:00:00'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
