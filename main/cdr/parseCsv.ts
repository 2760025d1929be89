import { CsvRecordTokenizer, decodeCsvText, MAX_RECORD_CHARS, ownCopy } from './csvRecords';
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

const LIMIT = MAX_RECORD_CHARS.toLocaleString('en-US');
export const OVERLONG_REASON = `line longer than ${LIMIT} characters (no line break, or not a CSV file?): skipped`;
export const NEVER_CLOSED_REASON =
  'malformed CSV: a quote opened in this row is never closed (the row is skipped; reading resumes at the next line)';
export const RUNS_ON_REASON =
  'malformed CSV: a quote opened in this row is not closed on its line, and what follows reads as other rows ' +
  '(an unclosed quote?): the row is skipped; reading resumes at the next line';

/** Without these columns no row could be read: refuse the file once instead of every row. */
const REQUIRED_COLUMNS = ['date', 'account', 'disposition', 'uniqueid'] as const;

/** The fields normalizeCdrRecord reads: each row becomes an object with exactly these keys. */
export const RECORD_FIELDS = [...CDR_FIELDS, 'destination_type'] as const;
type RecordField = (typeof RECORD_FIELDS)[number];

interface Columns {
  /** Header names, trimmed and lower-cased. */
  names: string[];
  /** Per field normalizeCdrRecord reads: the columns of that name, last first (a later duplicate wins). */
  indexes: Readonly<Record<RecordField, readonly number[]>>;
}

export class CsvCdrReader {
  /** Lines of the file consumed so far (the header is line 1). */
  linesRead = 0;
  private columns: Columns | null = null;
  private readonly descriptions = new RecurringStrings();
  private readonly accounts = new RecurringStrings();

  constructor(private readonly source: AsyncIterable<Buffer | string>) {}

  /**
   * The rows, pulled: a piece of the input is read only once every row of the previous
   * one is taken, and a caller that stops early (`return()`) closes the source. Rows of a
   * piece already read are handed out at once, not through an async generator (which
   * costs ~150 ns more a row: an await on every yield).
   */
  rows(): AsyncIterableIterator<Row> {
    return new CsvRows(this, decodeCsvText(this.source));
  }

  /** For CsvRows: the next row of the records the tokenizer holds; null when it needs more text. */
  nextRow(tokenizer: CsvRecordTokenizer): Row | null {
    for (let fields = tokenizer.next(); fields !== null; fields = tokenizer.next()) {
      const row = this.read(fields, tokenizer);
      if (row !== null) return row;
    }
    return null;
  }

  /**
   * For CsvRows, once the input has ended: the rows of its last record. A quote never closed
   * rejects the line it opened on, and the lines after it are read again as rows of their own.
   */
  lastRows(tokenizer: CsvRecordTokenizer): Row[] {
    const rows: Row[] = [];
    for (;;) {
      const last = tokenizer.finish();
      if (last !== null) {
        const row = this.read(last, tokenizer);
        if (row !== null) rows.push(row);
      } else if (tokenizer.unclosedQuote) {
        rows.push({ line: ++this.linesRead, reason: NEVER_CLOSED_REASON });
        tokenizer.resumeAfterFirstLine();
      }
      if (!tokenizer.pending) return rows;
      for (let row = this.nextRow(tokenizer); row !== null; row = this.nextRow(tokenizer)) rows.push(row);
    }
  }

  /** Whether a header was read (at the end of the input: else the file is empty). */
  get hasHeader(): boolean {
    return this.columns !== null;
  }

  /** A record as a row; null for the header and for blank records. */
  private read(fields: string[], tokenizer: CsvRecordTokenizer): Row | null {
    const line = this.linesRead + 1;
    if (tokenizer.overlong) {
      this.linesRead += 1;
      if (this.columns === null) {
        throw new CdrFileError(`The first line is longer than ${LIMIT} characters: not a CSV export of the provider`);
      }
      return { line, reason: OVERLONG_REASON };
    }
    const multiline = tokenizer.multiline;
    if (multiline && this.columns !== null && runsIntoOtherRows(fields, tokenizer.quoteClosedMidText, this.columns.names.length)) {
      // Issue 9: never merge rows. The line the quote opened on is rejected; the next lines are rows again.
      this.linesRead += 1;
      tokenizer.resumeAfterFirstLine();
      return { line, reason: RUNS_ON_REASON };
    }
    this.linesRead += multiline ? 1 + lineBreaksIn(fields) : 1;
    if (isBlank(fields)) return null; // blank lines, and the rows of bare commas spreadsheets append
    if (this.columns === null) {
      this.columns = readHeader(fields);
      return null;
    }
    return this.toRow(fields, tokenizer.ownFields, this.columns, line);
  }

  private toRow(fields: string[], ownFields: number, columns: Columns, line: number): Row {
    if (fields.length > columns.names.length) {
      const reason =
        `has ${fields.length} fields but the header has ${columns.names.length} ` +
        '(a comma in an unquoted caller ID or description?)';
      return { line, reason };
    }
    // One literal of a fixed shape (a property per field normalizeCdrRecord reads, undefined
    // when the row has no such column) rather than an object grown column by column. The
    // fields a ParsedCdr keeps are strings of their own (not views into the file's text);
    // descriptions and sub accounts repeat from row to row: one string each.
    const at = columns.indexes;
    const record = {
      date: kept(fields, at.date, ownFields),
      callerid: kept(fields, at.callerid, ownFields),
      destination: kept(fields, at.destination, ownFields),
      description: this.descriptions.of(pick(fields, at.description)),
      account: this.accounts.of(pick(fields, at.account)),
      disposition: pick(fields, at.disposition),
      duration: pick(fields, at.duration),
      seconds: pick(fields, at.seconds),
      rate: pick(fields, at.rate),
      total: pick(fields, at.total),
      uniqueid: kept(fields, at.uniqueid, ownFields),
      destination_type: pick(fields, at.destination_type),
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
    return this.fail(error, !this.finished);
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

/** The value of the last of `indexes` the row reaches (a row may have fewer fields than the header). */
function pick(fields: string[], indexes: readonly number[]): string | undefined {
  for (const index of indexes) if (index < fields.length) return fields[index];
  return undefined;
}

/** pick(), as a string of its own. */
function kept(fields: string[], indexes: readonly number[], ownFields: number): string | undefined {
  for (const index of indexes) {
    if (index >= fields.length) continue;
    const value = fields[index]!;
    return index < 31 && (ownFields & (1 << index)) !== 0 ? value : ownCopy(value);
  }
  return undefined;
}

/**
 * One string for the recurring values of a column (descriptions, sub accounts): a call kept
 * in a batch then holds no copy of its own. A table of 1,024 slots picked by a hash of the
 * last 8 characters: a clash only costs a copy, and no Map hashes every value in full.
 */
class RecurringStrings {
  private readonly slots: string[] = new Array<string>(1024).fill('');

  of(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const length = value.length;
    let hash = length;
    for (let i = length > 8 ? length - 8 : 0; i < length; i++) hash = (hash * 31 + value.charCodeAt(i)) | 0;
    const slot = hash & 1023;
    const known = this.slots[slot]!;
    if (known === value) return known;
    const own = ownCopy(value);
    this.slots[slot] = own;
    return own;
  }
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
  const indexes = {} as Record<RecordField, number[]>;
  for (const field of RECORD_FIELDS) {
    indexes[field] = [];
    for (let i = names.length - 1; i >= 0; i--) if (names[i] === field) indexes[field].push(i);
  }
  return { names, indexes };
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}

/**
 * A record whose quoted field spans lines is one call only if it looks like one: the quote
 * closes the field (not mid-text), the record has the header's number of fields, and no
 * line inside the field holds a whole row's commas. Otherwise the quote was never closed
 * on its line and swallowed what were the next rows. (A caller ID or description with a
 * line break and a dozen commas on one of its lines is not one the provider writes.)
 */
function runsIntoOtherRows(fields: string[], quoteClosedMidText: boolean, columns: number): boolean {
  if (quoteClosedMidText || fields.length !== columns) return true;
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    const lines = field.split(/\r\n|\r|\n/);
    // A line after the break holds a whole row's commas: it was a row.
    for (let inner = 1; inner < lines.length; inner++) if (commasIn(lines[inner]!) >= columns - 1) return true;
  }
  return false;
}

function commasIn(text: string): number {
  let commas = 0;
  for (let at = text.indexOf(','); at !== -1; at = text.indexOf(',', at + 1)) commas++;
  return commas;
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
