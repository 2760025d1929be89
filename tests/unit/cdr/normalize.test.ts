import { describe, expect, it } from 'vitest';
import { isCdrRejection, normalizeCdrRecord, type ParsedCdr } from '../../../main/cdr';
import { normalizePhoneNumber } from '../../../preload/common/phone';

/** The API documentation's example (voipms-api.md "Calls"). */
const EXAMPLE = {
  date: '2016-11-07 10:17:34',
  callerid: '"15554443333" <15554443333>',
  destination: '15554441111',
  description: 'Inbound DID',
  account: '123456',
  disposition: 'ANSWERED',
  duration: '00:00:05',
  seconds: '5',
  rate: '0.00900000',
  total: '0.00090000',
  uniqueid: '982384595',
};

function good(record: Record<string, unknown>): ParsedCdr {
  const result = normalizeCdrRecord(record, 7);
  if (isCdrRejection(result)) throw new Error(`rejected: ${result.reason}`);
  return result;
}

function reason(record: Record<string, unknown>): string {
  const result = normalizeCdrRecord(record, 7);
  if (!isCdrRejection(result)) throw new Error('expected a rejection');
  expect(result.line).toBe(7);
  return result.reason;
}

describe('normalizeCdrRecord', () => {
  it('reads the documentation example', () => {
    expect(good(EXAMPLE)).toEqual({
      line: 7,
      callId: '982384595',
      startedAt: '2016-11-07 10:17:34',
      callerId: '"15554443333" <15554443333>',
      destination: '15554441111',
      description: 'Inbound DID',
      account: '123456',
      disposition: 'ANSWERED',
      seconds: 5,
      costRate: 900_000,
      costTotal: 900,
      direction: 'inbound',
      didNumber: '15554441111',
    });
  });

  it.each([
    ['Outgoing to Canada - Quebec', undefined, 'outbound'],
    ['inbound did', undefined, 'inbound'],
    ['INBOUND - Local Caller', 'OUT:USA', 'inbound'],
    ['', 'IN:USA', 'inbound'],
    ['Forwarded', 'in', 'inbound'],
    ['Outgoing to Italy', 'INTERNATIONAL', 'outbound'],
    ['Outgoing to Canada', 'OUT:CAN', 'outbound'],
  ])('description %j with destination_type %j is %s', (description, destinationType, direction) => {
    const cdr = good({ ...EXAMPLE, description, destination_type: destinationType });
    expect(cdr.direction).toBe(direction);
    expect(cdr.didNumber).toBe(direction === 'inbound' ? '15554441111' : null);
  });

  it.each([
    [{ seconds: '65', duration: '00:01:05' }, 65],
    [{ seconds: '', duration: '01:02:03' }, 3723],
    [{ seconds: undefined, duration: '100:00:00' }, 360_000],
    [{ seconds: '70', duration: '00:01:05' }, 70], // both present and disagree: seconds wins
    [{ seconds: '12', duration: 'garbage' }, 12],
    [{ seconds: 12 }, 12],
    [{ seconds: '12.000' }, 12],
  ])('seconds from %j is %d', (fields, seconds) => {
    expect(good({ ...EXAMPLE, ...fields }).seconds).toBe(seconds);
  });

  it.each([
    ['0.00900000', 900_000],
    ['0.009', 900_000],
    ['.5', 50_000_000],
    ['0.123456785', 12_345_679], // more than 8 decimals: one half-up rounding
    ['1.5e-7', 15],
    [0.01, 1_000_000],
    ['-0.00000000', 0],
  ])('rate %j is %d units of 1e-8', (rate, expected) => {
    expect(good({ ...EXAMPLE, rate }).costRate).toBe(expected);
  });

  it.each([
    ['0.00090000', 900],
    ['0.00000050', 1], // half a micro rounds up
    ['0.00000049', 0],
    ['0.00913578', 9136],
    ['12.5', 12_500_000],
    [7.5e-7, 1],
  ])('total %j is %d micros', (total, expected) => {
    expect(good({ ...EXAMPLE, total }).costTotal).toBe(expected);
  });

  it('leaves rate and total null when the provider sends none (getResellerCDR has no rate)', () => {
    const cdr = good({ ...EXAMPLE, rate: undefined, total: '' });
    expect(cdr.costRate).toBeNull();
    expect(cdr.costTotal).toBeNull();
  });

  it.each([
    ['NO ANSWER', 'NO ANSWER'],
    ['no answer', 'NO ANSWER'],
    ['NO_ANSWER', 'NO ANSWER'],
    ['noanswer', 'NO ANSWER'],
    [' busy ', 'BUSY'],
    ['Failed', 'FAILED'],
  ])('disposition %j is %s', (disposition, expected) => {
    expect(good({ ...EXAMPLE, disposition }).disposition).toBe(expected);
  });

  it('keeps a leading + in the destination (it marks the number international) and trims fields', () => {
    const cdr = good({ ...EXAMPLE, destination: ' +447700900123 ', description: 'Outgoing', account: ' 100000_alice ' });
    expect(cdr.destination).toBe('+447700900123');
    expect(normalizePhoneNumber(cdr.destination)).toBe('447700900123');
    // Ten digits after the '+' stay international: Belgium, not a NANP number without its '1'.
    expect(normalizePhoneNumber(good({ ...EXAMPLE, destination: '+3212345678' }).destination)).toBe('3212345678');
    expect(cdr.account).toBe('100000_alice');
  });

  it('accepts an ISO "T" between date and time and keeps the provider format', () => {
    expect(good({ ...EXAMPLE, date: '2024-02-29T23:59:59' }).startedAt).toBe('2024-02-29 23:59:59');
  });

  it('keeps a uniqueid with letters, and a bare numeric one as its digits', () => {
    expect(good({ ...EXAMPLE, uniqueid: 'a1b2c3' }).callId).toBe('a1b2c3');
    expect(good({ ...EXAMPLE, uniqueid: 982384595 }).callId).toBe('982384595');
  });

  it.each([
    [{ date: '' }, 'missing date'],
    [{ account: undefined }, 'missing account'],
    [{ disposition: null }, 'missing disposition'],
    [{ uniqueid: '  ' }, 'missing uniqueid'],
    [{ seconds: '', duration: '' }, 'missing seconds and duration'],
    [{ date: '2023-02-29 10:00:00' }, 'date "2023-02-29 10:00:00" is not a real date-time (expected YYYY-MM-DD HH:MM:SS)'],
    [{ date: '0000-00-00 00:00:00' }, 'date "0000-00-00 00:00:00" is not a real date-time'],
    [{ date: '2024-03-01 24:00:00' }, 'is not a real date-time'],
    [{ date: '03/01/2024 10:00' }, 'is not a real date-time'],
    [{ seconds: '-5' }, 'seconds "-5" is negative'],
    [{ seconds: '5.5' }, 'seconds "5.5" is not a whole number'],
    [{ seconds: 'abc' }, 'seconds "abc" is not a whole number'],
    [{ seconds: '', duration: '5 min' }, 'duration "5 min" is not HH:MM:SS'],
    [{ disposition: 'CONGESTION' }, 'disposition "CONGESTION" is not ANSWERED, NO ANSWER, BUSY or FAILED'],
    [{ rate: '0,009' }, 'rate "0,009" is not a decimal number'],
    [{ rate: '-0.01' }, 'rate "-0.01" is negative'],
    [{ total: 'free' }, 'total "free" is not a decimal number'],
    [{ total: '-0.00090000' }, 'total "-0.00090000" is negative'],
    [{ total: '1e400' }, 'total "1e400" is too large'],
    [{ account: { id: 1 } }, 'account is not text or a number'],
  ])('rejects %j: %s', (fields, expected) => {
    expect(reason({ ...EXAMPLE, ...fields })).toContain(expected);
  });

  it('reports every problem of a row at once', () => {
    expect(reason({ date: 'x', disposition: 'MAYBE', seconds: '-1' })).toBe(
      'missing uniqueid; missing account; date "x" is not a real date-time (expected YYYY-MM-DD HH:MM:SS); ' +
        'disposition "MAYBE" is not ANSWERED, NO ANSWER, BUSY or FAILED; seconds "-1" is negative',
    );
  });
});
