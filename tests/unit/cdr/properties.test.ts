import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToMicros } from '../../../main/money';
import {
  CDR_FIELDS,
  cdrCsvLine,
  isCdrRejection,
  micros,
  normalizeCdrRecord,
  rateE8,
  toProviderRecord,
  type CdrCsvColumn,
  type ParsedCdr,
  type ProviderCall,
} from './imports';
import { parseText } from './helpers';

/** Laws of the CDR readers (CONVENTIONS.md "Tests": property-based where a law holds). */

// Characters that break naive CSV and JSON handling, plus multi-byte UTF-8.
const tricky = fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', '\r', '{', '}', '[', ']', '\\', 'é', '日', '🎉', '<', '>');
const text = fc.string({ unit: tricky, maxLength: 16 }).map((value) => value.trim());
const nonEmptyText = text.filter((value) => value !== '');
const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

const callArbitrary: fc.Arbitrary<ProviderCall> = fc.record({
  callId: fc.oneof(fc.stringMatching(/^[0-9a-f]{1,20}$/), nonEmptyText),
  startedAt: fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
    .map(
      (d) =>
        `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
        `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ),
  callerId: fc.oneof(text, fc.stringMatching(/^"[A-Za-z ,]{0,12}" <[0-9]{10}>$/)),
  destination: fc.stringMatching(/^[0-9]{0,15}$/),
  description: fc.oneof(fc.constantFrom('Inbound DID', 'Outgoing to Canada - Quebec', 'inbound - Local Caller'), text),
  account: nonEmptyText,
  disposition: fc.constantFrom('ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED'),
  seconds: fc.nat({ max: 10_000_000 }),
  costRate: fc.option(fc.integer({ min: 0, max: 1e12 }).map(rateE8)),
  costTotal: fc.option(fc.integer({ min: 0, max: 1e12 }).map(micros)),
});

function expected(call: ProviderCall, line: number): ParsedCdr {
  const inbound = /^inbound/i.test(call.description);
  return {
    line,
    ...call,
    direction: inbound ? 'inbound' : 'outbound',
    didNumber: inbound && call.destination !== '' ? call.destination : null,
  };
}

const lineBreaks = (value: string): number => value.match(/\r\n|\r|\n/g)?.length ?? 0;

describe('CDR reader laws', () => {
  it('CSV written from valid calls parses back to the same calls, whatever the column order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArbitrary, { maxLength: 12 }),
        fc.shuffledSubarray([...CDR_FIELDS], { minLength: CDR_FIELDS.length }),
        fc.constantFrom('lower', 'upper', 'padded'),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 64 }),
        async (calls, columns, headerStyle, newline, chunkSize) => {
          const order = columns as CdrCsvColumn[];
          const header = order
            .map((name) => (headerStyle === 'upper' ? name.toUpperCase() : headerStyle === 'padded' ? ` ${name} ` : name))
            .join(',');
          let csv = `${header}${newline}`;
          const lines: number[] = [];
          for (const call of calls) {
            lines.push(1 + lineBreaks(csv));
            csv += cdrCsvLine(toProviderRecord(call), order).replace(/\n$/, newline);
          }
          const { good, rejected } = await parseText(csv, 'voipms-csv', chunkSize, true);
          expect(rejected).toEqual([]);
          expect(good).toEqual(calls.map((call, i) => expected(call, lines[i]!)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a JSON answer parses to the same calls however it is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(callArbitrary, { maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (calls, bareNumbers, chunkSize) => {
          const cdr = calls.map((call) => {
            const record: Record<string, unknown> = { ...toProviderRecord(call) };
            // The API sends some numbers bare: their text must survive exactly.
            if (bareNumbers) {
              record.seconds = call.seconds;
              if (record.rate !== '') record.rate = Number(record.rate);
            }
            return record;
          });
          const json = JSON.stringify({ status: 'success', cdr }, null, bareNumbers ? 1 : undefined);
          const { good, rejected } = await parseText(json, 'voipms-json', chunkSize, true);
          expect(rejected).toEqual([]);
          expect(good).toEqual(calls.map((call, i) => expected(call, i + 1)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rounds a provider total exactly like decimalToMicros (one half-up rounding)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 9_999_999 }), fc.stringMatching(/^[0-9]{0,12}$/), (whole, fraction) => {
        const total = fraction === '' ? String(whole) : `${whole}.${fraction}`;
        const cdr = normalizeCdrRecord(
          { date: '2024-03-01 00:00:00', account: 'a', disposition: 'ANSWERED', seconds: '1', uniqueid: 'u', total },
          1,
        );
        expect(isCdrRejection(cdr) ? cdr.reason : cdr.costTotal).toBe(decimalToMicros(total));
      }),
      { numRuns: 2000 },
    );
  });
});
