import { moneyToText, rateToText } from '../money/decimal';
import { CDR_FIELDS } from './normalize';
import type { ParsedCdr } from './types';

/**
 * Writes the portal's CSV export format (the header is the API's field names), for the
 * demo-data generator and the benchmark's 1,000,000-row files. Escaping is by hand: only
 * a field holding a comma, a quote or a line break is quoted (RFC 4180), which keeps a
 * million rows to about a second.
 */

export type CdrCsvColumn = (typeof CDR_FIELDS)[number] | 'destination_type';

/** A CDR as the provider writes it: every value is text ("0.00900000", "00:01:05"). */
export type CdrCsvRecord = Readonly<Record<(typeof CDR_FIELDS)[number], string>> & {
  readonly destination_type?: string;
};

export const CDR_CSV_COLUMNS: readonly CdrCsvColumn[] = CDR_FIELDS;

export function cdrCsvHeader(columns: readonly CdrCsvColumn[] = CDR_CSV_COLUMNS): string {
  return `${columns.join(',')}\n`;
}

/** One row, ending with '\n', with the fields in `columns` order. */
export function cdrCsvLine(record: CdrCsvRecord, columns: readonly CdrCsvColumn[] = CDR_CSV_COLUMNS): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const value = record[columns[i]!] ?? '';
    line += (i === 0 ? '' : ',') + escapeField(value);
  }
  return `${line}\n`;
}

const NEEDS_QUOTES = /[",\r\n]/;

function escapeField(value: string): string {
  // Caller IDs look like "John, Jr." <5551112222>: both the comma and the quotes need this.
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** "HH:MM:SS" as the provider writes `duration` (hours may exceed 99). */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/** A call as the provider reports it; direction and DID follow from the description. */
export type ProviderCall = Omit<ParsedCdr, 'line' | 'direction' | 'didNumber'>;

/** The provider's text form of a call: 8-decimal rate and total, HH:MM:SS duration. */
export function toProviderRecord(cdr: ProviderCall): CdrCsvRecord {
  return {
    date: cdr.startedAt,
    callerid: cdr.callerId,
    destination: cdr.destination,
    description: cdr.description,
    account: cdr.account,
    disposition: cdr.disposition,
    duration: formatDuration(cdr.seconds),
    seconds: String(cdr.seconds),
    rate: cdr.costRate === null ? '' : rateToText(cdr.costRate),
    // The provider writes totals with 8 decimals; micros are exact at 6.
    total: cdr.costTotal === null ? '' : `${moneyToText(cdr.costTotal)}00`,
    uniqueid: cdr.callId,
  };
}
