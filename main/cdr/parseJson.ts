import { StringDecoder } from 'node:string_decoder';
import { MAX_RECORD_CHARS } from './csvRecords';
import { INCOMPLETE, isJsonWhitespace, quoteBareNumbers, scanStringEnd, scanValueEnd, type ScanResult } from './jsonScan';
import { normalizeCdrRecord } from './normalize';
import { CdrFileError, type CdrRejection, type ParsedCdr } from './types';

/**
 * Streams the records of the provider's JSON answers (`getCDR` / `getResellerCDR`):
 * `{"status":"success","cdr":[...]}`, a list of such answers, or a bare list of CDRs.
 * Only one record is held as text at a time, so memory does not grow with the file.
 */

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const END = -1;

/** Where a bare number or literal ends (as scanPrimitiveEnd). */
const PRIMITIVE_END = /[,}\]: \t\n\r]/g;

const LIMIT = MAX_RECORD_CHARS.toLocaleString('en-US');
export const OVERLONG_RECORD_REASON = `record longer than ${LIMIT} characters: skipped`;

/**
 * A value longer than MAX_RECORD_CHARS (issue 9: "nothing accepted that the app cannot
 * hold"): never held whole. A record of the list is skipped and rejected; anything else
 * refuses the file.
 */
class ValueTooLong extends CdrFileError {
  constructor() {
    super(`The JSON holds a value longer than ${LIMIT} characters: not a CDR answer of the provider`);
  }
}

/** Statuses that mean "here are the calls": `no_cdr` is the API's empty list, not an error. */
const LIST_STATUSES = new Set(['success', 'no_cdr']);

type Row = ParsedCdr | CdrRejection;

/** A text buffer over the input that grows a chunk at a time and forgets what was consumed. */
class JsonCursor {
  private text = '';
  private pos = 0;
  private ended = false;
  private atStart = true;
  private readonly decoder = new StringDecoder('utf8');
  private readonly scan: ScanResult = { end: 0, hasBareNumber: false };

  constructor(private readonly source: AsyncIterator<Buffer | string>) {}

  /** Lets the input go (closes the file) when reading stops early or fails. */
  async close(): Promise<void> {
    await this.source.return?.();
  }

  private async fill(): Promise<void> {
    const next = await this.source.next();
    let chunk: string;
    if (next.done === true) {
      this.ended = true;
      chunk = this.decoder.end();
    } else {
      chunk = typeof next.value === 'string' ? next.value : this.decoder.write(next.value);
    }
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.text = this.text.slice(this.pos) + chunk;
    this.pos = 0;
  }

  /** The next character that is not whitespace, not consumed; END when the input is over. */
  async peek(): Promise<number> {
    for (;;) {
      while (this.pos < this.text.length && isJsonWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
      if (this.pos < this.text.length) return this.text.charCodeAt(this.pos);
      if (this.ended) return END;
      await this.fill();
    }
  }

  skip(): void {
    this.pos++;
  }

  get lastValueHadBareNumber(): boolean {
    return this.scan.hasBareNumber;
  }

  /** The next complete value as JSON text; ValueTooLong past MAX_RECORD_CHARS (nothing consumed). */
  async readRaw(): Promise<string> {
    if ((await this.peek()) === END) throw new CdrFileError('The JSON ends where a value was expected');
    for (;;) {
      scanValueEnd(this.text, this.pos, this.ended, this.scan);
      if (this.scan.end !== INCOMPLETE) {
        if (this.scan.end - this.pos > MAX_RECORD_CHARS) throw new ValueTooLong();
        const raw = this.text.slice(this.pos, this.scan.end);
        this.pos = this.scan.end;
        return raw;
      }
      if (this.ended) throw new CdrFileError('The JSON ends in the middle of a value (truncated file?)');
      if (this.text.length - this.pos > MAX_RECORD_CHARS) throw new ValueTooLong();
      await this.fill();
    }
  }

  /**
   * Consumes the next value without holding it: a piece of input at a time, counting
   * brackets outside strings (the value is not checked; it is dropped).
   */
  async skipValue(): Promise<void> {
    if ((await this.peek()) === END) throw new CdrFileError('The JSON ends where a value was expected');
    const first = this.text.charCodeAt(this.pos);
    const primitive = first !== QUOTE && first !== OPEN_BRACE && first !== OPEN_BRACKET;
    let depth = 0;
    let inString = false;
    /** The previous piece ended on an odd run of backslashes inside a string: the next character is escaped. */
    let escaped = false;
    for (;;) {
      const text = this.text;
      const length = text.length;
      let i = this.pos;
      if (primitive) {
        PRIMITIVE_END.lastIndex = i;
        const found = PRIMITIVE_END.exec(text);
        if (found !== null) {
          this.pos = found.index;
          return;
        }
        i = length;
      }
      while (i < length) {
        if (inString) {
          if (escaped) {
            escaped = false;
            i++;
            continue;
          }
          const quote = text.indexOf('"', i);
          const until = quote === -1 ? length : quote;
          let backslashes = 0;
          for (let j = until - 1; j >= i && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
          if (quote === -1) {
            escaped = backslashes % 2 === 1;
            i = length;
            break;
          }
          i = quote + 1;
          if (backslashes % 2 === 1) continue; // \" inside the string
          inString = false;
          if (depth === 0) {
            this.pos = i;
            return;
          }
          continue;
        }
        const code = text.charCodeAt(i++);
        if (code === QUOTE) {
          inString = true;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          depth++;
        } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) {
          this.pos = i;
          return;
        }
      }
      this.pos = length;
      if (this.ended) {
        if (primitive) return;
        throw new CdrFileError('The JSON ends in the middle of a value (truncated file?)');
      }
      await this.fill();
    }
  }

  /** With the cursor on '{': the object's first key, without consuming anything. */
  async firstKey(): Promise<string | null> {
    for (;;) {
      let i = this.pos + 1;
      while (i < this.text.length && isJsonWhitespace(this.text.charCodeAt(i))) i++;
      const end = i < this.text.length && this.text.charCodeAt(i) === QUOTE ? scanStringEnd(this.text, i) : INCOMPLETE;
      if (end !== INCOMPLETE) return end - i > MAX_RECORD_CHARS ? null : (parseJsonText(this.text.slice(i, end)) as string);
      if ((i < this.text.length && this.text.length - this.pos > MAX_RECORD_CHARS) || this.ended) return null;
      await this.fill();
    }
  }
}

export class JsonCdrReader {
  private readonly cursor: JsonCursor;
  /** Records seen so far: a record's `line` is its 1-based index in the file. */
  private recordsRead = 0;

  constructor(source: AsyncIterable<Buffer | string>) {
    this.cursor = new JsonCursor(source[Symbol.asyncIterator]());
  }

  get linesRead(): number {
    return this.recordsRead;
  }

  async *rows(): AsyncGenerator<Row> {
    let values = 0;
    try {
      // Several answers one after the other (one per line) are read as a list of answers.
      for (;;) {
        const next = await this.cursor.peek();
        if (next === END) break;
        values++;
        if (next === OPEN_BRACE) yield* this.readDocument();
        else if (next === OPEN_BRACKET) yield* this.readList(true);
        else throw new CdrFileError(`Expected a JSON object or list, found ${describe(next)}`);
      }
    } finally {
      await this.cursor.close();
    }
    if (values === 0) throw new CdrFileError('The file is empty');
  }

  /** `{"status": ..., "cdr": [...]}` with its `cdr` list streamed record by record. */
  private async *readDocument(): AsyncGenerator<Row> {
    const cursor = this.cursor;
    cursor.skip();
    let status: string | null = null;
    let sawList = false;
    for (;;) {
      let next = await cursor.peek();
      if (next === COMMA) {
        cursor.skip();
        next = await cursor.peek();
      }
      if (next === CLOSE_BRACE) {
        cursor.skip();
        break;
      }
      if (next !== QUOTE) throw new CdrFileError(`Expected a key in the JSON object, found ${describe(next)}`);
      const key = parseJsonText(await cursor.readRaw());
      if ((await cursor.peek()) !== COLON) throw new CdrFileError(`Expected ":" after the key ${JSON.stringify(key)}`);
      cursor.skip();
      if (key === 'cdr') {
        sawList = true;
        const value = await cursor.peek();
        if (value === OPEN_BRACKET) yield* this.readList(false);
        // Provider quirk: a fetch-one answer may hold an object where a list was expected.
        else if (value === OPEN_BRACE) yield await this.readRecord();
        else await cursor.skipValue();
      } else if (key === 'status') {
        status = String(parseJsonText(await cursor.readRaw()));
        checkStatus(status);
      } else {
        // A key the reader does not use: dropped unread, whatever its size.
        await cursor.skipValue();
      }
    }
    if (status === null && !sawList) {
      throw new CdrFileError('A JSON object with neither "status" nor "cdr" is not a CDR answer of the provider');
    }
  }

  private async *readList(mayHoldDocuments: boolean): AsyncGenerator<Row> {
    const cursor = this.cursor;
    cursor.skip();
    for (;;) {
      const next = await cursor.peek();
      if (next === CLOSE_BRACKET) {
        cursor.skip();
        return;
      }
      if (next === COMMA) {
        cursor.skip();
        continue;
      }
      if (next === END) throw new CdrFileError('The JSON ends inside a list (truncated file?)');
      if (next === OPEN_BRACE && mayHoldDocuments && isDocumentKey(await cursor.firstKey())) {
        yield* this.readDocument();
        continue;
      }
      if (!mayHoldDocuments) {
        yield await this.readRecord();
        continue;
      }
      let raw: string;
      try {
        raw = await cursor.readRaw();
      } catch (error) {
        if (!(error instanceof ValueTooLong)) throw error;
        await cursor.skipValue();
        yield { line: ++this.recordsRead, reason: OVERLONG_RECORD_REASON };
        continue;
      }
      yield* this.rowsOfElement(raw, cursor.lastValueHadBareNumber);
    }
  }

  /** The next value as a record; one longer than MAX_RECORD_CHARS is skipped unread and rejected. */
  private async readRecord(): Promise<Row> {
    let raw: string;
    try {
      raw = await this.cursor.readRaw();
    } catch (error) {
      if (!(error instanceof ValueTooLong)) throw error;
      await this.cursor.skipValue();
      return { line: ++this.recordsRead, reason: OVERLONG_RECORD_REASON };
    }
    return this.toRow(raw, this.cursor.lastValueHadBareNumber);
  }

  /** An element of a top-level list: a CDR, or an answer whose first key was not status/cdr. */
  private *rowsOfElement(raw: string, bare: boolean): Generator<Row> {
    const value = tryParse(raw, bare);
    if (!isObject(value) || !('cdr' in value || 'status' in value) || 'uniqueid' in value) {
      yield this.rowOf(value);
      return;
    }
    if ('status' in value) checkStatus(String(value.status));
    const list = value.cdr;
    if (Array.isArray(list)) for (const item of list) yield this.rowOf(item);
    else if (isObject(list)) yield this.rowOf(list);
  }

  private toRow(raw: string, bare: boolean): Row {
    return this.rowOf(tryParse(raw, bare));
  }

  private rowOf(value: unknown): Row {
    const line = ++this.recordsRead;
    if (value instanceof SyntaxError) return { line, reason: `not valid JSON: ${value.message}` };
    if (!isObject(value)) return { line, reason: 'not a JSON object' };
    return normalizeCdrRecord(value, line);
  }
}

function checkStatus(status: string): void {
  if (LIST_STATUSES.has(status)) return;
  throw new CdrFileError(`The provider answered "${status}" instead of call records`, status);
}

function isDocumentKey(key: string | null): boolean {
  return key === 'status' || key === 'cdr';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CdrFileError(`Invalid JSON: ${(error as Error).message}`);
  }
}

/** Keeps the exact text of bare numbers (see quoteBareNumbers); a syntax error is returned, not thrown. */
function tryParse(raw: string, hasBareNumber: boolean): unknown {
  try {
    return JSON.parse(hasBareNumber ? quoteBareNumbers(raw) : raw);
  } catch (error) {
    return error instanceof SyntaxError ? error : new SyntaxError(String(error));
  }
}

function describe(code: number): string {
  return code === END ? 'the end of the file' : JSON.stringify(String.fromCharCode(code));
}
