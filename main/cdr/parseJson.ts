import { StringDecoder } from 'node:string_decoder';
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
const END = -1;

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

  /** The next complete value as JSON text. */
  async readRaw(): Promise<string> {
    if ((await this.peek()) === END) throw new CdrFileError('The JSON ends where a value was expected');
    for (;;) {
      scanValueEnd(this.text, this.pos, this.ended, this.scan);
      if (this.scan.end !== INCOMPLETE) {
        const raw = this.text.slice(this.pos, this.scan.end);
        this.pos = this.scan.end;
        return raw;
      }
      if (this.ended) throw new CdrFileError('The JSON ends in the middle of a value (truncated file?)');
      await this.fill();
    }
  }

  /** With the cursor on '{': the object's first key, without consuming anything. */
  async firstKey(): Promise<string | null> {
    for (;;) {
      let i = this.pos + 1;
      while (i < this.text.length && isJsonWhitespace(this.text.charCodeAt(i))) i++;
      const end = i < this.text.length && this.text.charCodeAt(i) === QUOTE ? scanStringEnd(this.text, i) : INCOMPLETE;
      if (end !== INCOMPLETE) return parseJsonText(this.text.slice(i, end)) as string;
      if (i < this.text.length || this.ended) return null;
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
        else if (value === OPEN_BRACE) yield this.toRow(await cursor.readRaw(), cursor.lastValueHadBareNumber);
        else await cursor.readRaw();
      } else if (key === 'status') {
        status = String(parseJsonText(await cursor.readRaw()));
        checkStatus(status);
      } else {
        await cursor.readRaw();
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
      const raw = await cursor.readRaw();
      const bare = cursor.lastValueHadBareNumber;
      if (mayHoldDocuments) yield* this.rowsOfElement(raw, bare);
      else yield this.toRow(raw, bare);
    }
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
