import { parse } from 'csv-parse';
import { pipeline, Readable } from 'node:stream';
import { normalizeCdrRecord } from './normalize';
import { CdrFileError, type CdrRejection, type ParsedCdr } from './types';

/**
 * Streams the CSV a reseller exports from the provider's portal: a header with the API's
 * field names (any order, any case) and one call per row. csv-parse does the quoting
 * (`"""John, Jr."" <5551112222>"`), the line endings and the UTF-8 BOM; this module maps
 * rows to ParsedCdr and counts lines itself (csv-parse's own count is per record end, and
 * counts a CRLF inside a quoted field twice).
 */

type Row = ParsedCdr | CdrRejection;

/** Without these columns no row could be read: refuse the file once instead of every row. */
const REQUIRED_COLUMNS = ['date', 'account', 'disposition', 'uniqueid'] as const;

export class CsvCdrReader {
  /** Lines of the file consumed so far (the header is line 1). */
  linesRead = 0;
  private columns: string[] | null = null;
  private unclosedQuote = false;

  constructor(private readonly source: AsyncIterable<Buffer | string>) {}

  async *rows(): AsyncGenerator<Row> {
    const parser = parse({
      bom: true,
      // No `columns` option: rows come as arrays (a third faster) and are mapped by header
      // position below, where a row with more fields than the header is rejected.
      relax_column_count: true,
      // Some exports leave a caller ID unquoted: 2016-11-07 10:17:34,"John" <5551112222>,...
      relax_quotes: true,
      // Every line ending, even mixed in one file (a hand-edited export), ends a row.
      record_delimiter: ['\r\n', '\n', '\r'],
      // With relax_quotes the one error left is a quote never closed, found at the end of the
      // input. Skipping it (instead of failing the stream) keeps every row read before it.
      skip_records_with_error: true,
      on_skip: () => {
        this.unclosedQuote = true;
        return undefined;
      },
    });
    // pipeline() destroys the parser on a read error, which the loop below then throws.
    pipeline(Readable.from(this.source), parser, () => undefined);
    for await (const fields of parser as AsyncIterable<string[]>) {
      const line = this.linesRead + 1;
      this.linesRead += 1 + lineBreaksIn(fields);
      if (isBlank(fields)) continue; // blank lines, and the rows of bare commas spreadsheets append
      if (this.columns === null) {
        this.columns = readHeader(fields);
        continue;
      }
      yield this.toRow(fields, this.columns, line);
    }
    if (this.unclosedQuote) {
      const reason = 'malformed CSV: a quote opened in this row is never closed (the rest of the file was read as one field)';
      yield { line: this.linesRead + 1, reason };
    }
    if (this.columns === null) throw new CdrFileError('The file is empty');
  }

  private toRow(fields: string[], columns: string[], line: number): Row {
    if (fields.length > columns.length) {
      const reason =
        `has ${fields.length} fields but the header has ${columns.length} ` +
        '(a comma in an unquoted caller ID or description?)';
      return { line, reason };
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i++) {
      const name = columns[i];
      if (name !== undefined && name !== '') record[name] = fields[i]!;
    }
    return normalizeCdrRecord(record, line);
  }
}

function readHeader(fields: string[]): string[] {
  const names = fields.map((name) => name.trim().toLowerCase());
  const missing: string[] = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (!names.includes('seconds') && !names.includes('duration')) missing.push('seconds (or duration)');
  if (missing.length > 0) {
    throw new CdrFileError(
      `The CSV header has no ${missing.join(', ')} column: expected the portal's CDR export ` +
        '(date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid), comma-separated',
    );
  }
  return names;
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/** Line breaks inside quoted fields (CRLF, LF or CR: one each): a row may span lines. */
function lineBreaksIn(fields: string[]): number {
  let breaks = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let i = 0; i < field.length; i++) {
      const code = field.charCodeAt(i);
      if (code === 0x0a || (code === 0x0d && field.charCodeAt(i + 1) !== 0x0a)) breaks++;
    }
  }
  return breaks;
}
