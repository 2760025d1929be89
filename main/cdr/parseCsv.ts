import { CsvRecordTokenizer, decodeCsvText } from './csvRecords';
import { CDR_FIELDS, normalizeCdrRecord } from './normalize';
import { CdrFileError, type CdrRejection, type ParsedCdr } from './types';

/**
 * Streams the CSV a reseller exports from the provider's portal: a header with the API's
 * field names (any order, any case) and one call per row. `csvRecords` does the quoting
 * (`"""John, Jr."" <5551112222>"`), the line endings and the UTF-8 BOM; this module maps
 * rows to ParsedCdr and counts lines itself (a record spans one line plus the line breaks
 * inside its quoted fields; a CRLF counts once).
 */

type Row = ParsedCdr | CdrRejection;

/** Without these columns no row could be read: refuse the file once instead of every row. */
const REQUIRED_COLUMNS = ['date', 'account', 'disposition', 'uniqueid'] as const;

export class CsvCdrReader {
  /** Lines of the file consumed so far (the header is line 1). */
  linesRead = 0;
  private columns: Columns | null = null;

  constructor(private readonly source: AsyncIterable<Buffer | string>) {}

  /**
   * The rows, pulled: a piece of the input is read only once every row of the previous
   * one is taken, and a caller that stops early (`return()`) closes the source. Rows of a
   * piece already read are handed out without an async generator's extra turns of the
   * event loop (a third of the time per row otherwise).
   */
  rows(): AsyncIterableIterator<Row> {
    return new CsvRows(this, decodeCsvText(this.source));
  }

  /** The next row of the records the tokenizer holds; null when it needs more text. */
  nextRow(tokenizer: CsvRecordTokenizer): Row | null {
    for (let fields = tokenizer.next(); fields !== null; fields = tokenizer.next()) {
      const row = this.read(fields, tokenizer.multiline);
      if (row !== null) return row;
    }
    return null;
  }

  /** After the input: its last record's row, a row for a quote never closed; throws for a file with no header. */
  lastRows(tokenizer: CsvRecordTokenizer): Row[] {
    const rows: Row[] = [];
    const last = tokenizer.finish();
    if (last !== null) {
      const row = this.read(last, tokenizer.multiline);
      if (row !== null) rows.push(row);
    }
    if (tokenizer.unclosedQuote) {
      const reason = 'malformed CSV: a quote opened in this row is never closed (the rest of the file was read as one field)';
      rows.push({ line: this.linesRead + 1, reason });
    }
    return rows;
  }

  /** Whether a header was read (at the end of the input: else the file is empty). */
  get hasHeader(): boolean {
    return this.columns !== null;
  }

  /** A record as a row; null for the header and for blank records. */
  private read(fields: string[], multiline: boolean): Row | null {
    const line = this.linesRead + 1;
    this.linesRead += multiline ? 1 + lineBreaksIn(fields) : 1;
    if (isBlank(fields)) return null; // blank lines, and the rows of bare commas spreadsheets append
    if (this.columns === null) {
      this.columns = readHeader(fields);
      return null;
    }
    return this.toRow(fields, this.columns, line);
  }

  private toRow(fields: string[], columns: Columns, line: number): Row {
    if (fields.length > columns.names.length) {
      const reason =
        `has ${fields.length} fields but the header has ${columns.names.length} ` +
        '(a comma in an unquoted caller ID or description?)';
      return { line, reason };
    }
    // One literal of a fixed shape (a property per field normalizeCdrRecord reads, undefined
    // when the row has no such column) rather than an object grown column by column.
    const at = columns.fieldIndexes;
    const record = {
      date: pick(fields, at[0]!),
      callerid: pick(fields, at[1]!),
      destination: pick(fields, at[2]!),
      description: pick(fields, at[3]!),
      account: pick(fields, at[4]!),
      disposition: pick(fields, at[5]!),
      duration: pick(fields, at[6]!),
      seconds: pick(fields, at[7]!),
      rate: pick(fields, at[8]!),
      total: pick(fields, at[9]!),
      uniqueid: pick(fields, at[10]!),
      destination_type: pick(fields, at[11]!),
    } satisfies Record<RecordField, string | undefined>;
    return normalizeCdrRecord(record, line);
  }
}

const done = (): IteratorReturnResult<undefined> => ({ value: undefined, done: true });

/**
 * CsvCdrReader.rows(): an async iterator over the rows that behaves as an async generator
 * would (requests served in order, done after an error or `return()`) without being one.
 */
class CsvRows implements AsyncIterableIterator<Row> {
  private readonly tokenizer = new CsvRecordTokenizer();
  /** The rows left once the input has ended; null before. */
  private tail: Row[] | null = null;
  private finished = false;
  /** The request reading input, while it runs: later requests wait for it. */
  private busy: Promise<unknown> | null = null;

  constructor(
    private readonly reader: CsvCdrReader,
    private readonly texts: AsyncGenerator<string>,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Row>> {
    if (this.busy !== null) return this.busy.then(() => this.next());
    if (this.finished) return Promise.resolve(done());
    let row: Row | null;
    try {
      row = this.tail === null ? this.reader.nextRow(this.tokenizer) : this.fromTail();
    } catch (error) {
      return this.fail(error, this.tail === null);
    }
    if (row !== null) return Promise.resolve({ value: row, done: false });
    if (this.finished) return Promise.resolve(done());
    const reading = this.read();
    const settled = reading.then(
      () => undefined,
      () => undefined,
    );
    this.busy = settled;
    void settled.then(() => {
      if (this.busy === settled) this.busy = null;
    });
    return reading;
  }

  return(): Promise<IteratorResult<Row>> {
    if (this.busy !== null) return this.busy.then(() => this.return());
    if (this.finished) return Promise.resolve(done());
    this.finished = true;
    return this.closeSource().then(done);
  }

  throw(error: unknown): Promise<IteratorResult<Row>> {
    if (this.busy !== null) return this.busy.then(() => this.throw(error));
    if (this.finished) return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    return this.fail(error, true);
  }

  /** Reads pieces of input until one holds a row, or the input ends. */
  private async read(): Promise<IteratorResult<Row>> {
    for (;;) {
      let piece: IteratorResult<string>;
      try {
        piece = await this.texts.next();
      } catch (error) {
        this.finished = true; // a read error: the source is closed already
        throw error;
      }
      let row: Row | null;
      try {
        if (piece.done === true) {
          this.tail = this.reader.lastRows(this.tokenizer);
          row = this.fromTail();
        } else {
          this.tokenizer.feed(piece.value);
          row = this.reader.nextRow(this.tokenizer);
        }
      } catch (error) {
        return this.fail(error, piece.done !== true);
      }
      if (row !== null) return { value: row, done: false };
      if (this.finished) return done();
    }
  }

  /** The next of the last rows; after them, done (or the error of a file without a header). */
  private fromTail(): Row | null {
    const row = this.tail!.shift();
    if (row !== undefined) return row;
    this.finished = true;
    if (!this.reader.hasHeader) throw new CdrFileError('The file is empty');
    return null;
  }

  /** Ends the iteration with `error`, closing the source first when it is still open. */
  private async fail(error: unknown, sourceOpen: boolean): Promise<never> {
    this.finished = true;
    if (sourceOpen) await this.closeSource();
    throw error;
  }

  private async closeSource(): Promise<void> {
    try {
      await this.texts.return(undefined);
    } catch {
      // Closing after a failure or an early stop: there is nothing more to report.
    }
  }
}

/** The columns normalizeCdrRecord reads, in the order of the literal in `toRow`. */
export const RECORD_FIELDS = [...CDR_FIELDS, 'destination_type'] as const;
type RecordField = (typeof RECORD_FIELDS)[number];

interface Columns {
  /** Header names, trimmed and lower-cased. */
  names: string[];
  /** Per RECORD_FIELDS entry: the columns of that name, last first (a later duplicate wins). */
  fieldIndexes: number[][];
}

/** The value of the last of `indexes` the row reaches (a row may have fewer fields than the header). */
function pick(fields: string[], indexes: number[]): string | undefined {
  for (const index of indexes) if (index < fields.length) return fields[index];
  return undefined;
}

function readHeader(fields: string[]): Columns {
  const names = fields.map((name) => name.trim().toLowerCase());
  const missing: string[] = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  if (!names.includes('seconds') && !names.includes('duration')) missing.push('seconds (or duration)');
  if (missing.length > 0) {
    throw new CdrFileError(
      `The CSV header has no ${missing.join(', ')} column: expected the portal's CDR export ` +
        '(date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid), comma-separated',
    );
  }
  const fieldIndexes = RECORD_FIELDS.map((field) => {
    const indexes: number[] = [];
    for (let i = names.length - 1; i >= 0; i--) if (names[i] === field) indexes.push(i);
    return indexes;
  });
  return { names, fieldIndexes };
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
