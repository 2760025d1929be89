import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordTokenizer, decodeCsvText } from '../../../main/cdr/csvRecords';

/** The tokenizer replaced csv-parse in the portal CSV reader: these are csv-parse's rules, kept. */

interface Tokenized {
  records: string[][];
  unclosedQuote: boolean;
  /** Records the tokenizer flagged as holding a line break. */
  multiline: boolean[];
}

async function* chunks(parts: (Buffer | string)[]): AsyncGenerator<Buffer | string> {
  for (const part of parts) yield part;
}

async function tokenize(parts: (Buffer | string)[]): Promise<Tokenized> {
  const tokenizer = new CsvRecordTokenizer();
  const result: Tokenized = { records: [], unclosedQuote: false, multiline: [] };
  const take = (fields: string[] | null): boolean => {
    if (fields === null) return false;
    result.records.push([...fields]); // the tokenizer reuses its array
    result.multiline.push(tokenizer.multiline);
    return true;
  };
  for await (const text of decodeCsvText(chunks(parts))) {
    tokenizer.feed(text);
    while (take(tokenizer.next()));
  }
  take(tokenizer.finish());
  result.unclosedQuote = tokenizer.unclosedQuote;
  return result;
}

/** What the reader got from csv-parse, with the options it used. */
function csvParse(input: Buffer): Tokenized {
  let unclosedQuote = false;
  const records = parse(input, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: () => {
      unclosedQuote = true;
      return undefined;
    },
  }) as string[][];
  return { records, unclosedQuote, multiline: records.map((fields) => fields.some((field) => /[\r\n]/.test(field))) };
}

function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let previous = 0;
  for (const point of [...at, bytes.length]) {
    parts.push(bytes.subarray(previous, point));
    previous = point;
  }
  return parts;
}

const tokens = fc.constantFrom(
  'a', 'x y', ' ', ',', ',', ',', '"', '"', '""', '"""', '\n', '\r', '\r\n', '\n\r', 'é', '日', '🎉', '\ufeff',
  '2024-03-01 09:00:00', 'ANSWERED', '0.00913578', '"John Doe" <555>', '"""Alice"" <514>"', '"a,b"',
  '"multi\nline"', '"x"y', '"x" ', ' "x"', '"x""', '""x', '"\r\n"',
);
// Bytes that are not UTF-8, or only part of a character, and BOMs.
const rawBytes = fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x8e], [0x80], [0xef, 0xbb, 0xbf], [0xff, 0xfe]);
const csvBytes = fc
  .array(fc.oneof({ weight: 12, arbitrary: tokens.map((token) => Buffer.from(token)) }, { weight: 1, arbitrary: rawBytes.map((bytes) => Buffer.from(bytes)) }), {
    maxLength: 50,
  })
  .map((parts) => Buffer.concat(parts))
  // FF FE first makes it UTF-16LE, where csv-parse matched delimiters at odd byte offsets:
  // garbage either way for these UTF-8 tokens (the UTF-16LE test below is a real file).
  .filter((bytes) => !(bytes[0] === 0xff && bytes[1] === 0xfe));

describe('CsvRecordTokenizer', () => {
  it('reads what csv-parse read, however the input is cut', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.array(fc.nat({ max: 300 }), { maxLength: 10 }), async (bytes, points) => {
        expect(await tokenize(cut(bytes, points))).toEqual(csvParse(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a caller ID written without CSV quoting as it is', async () => {
    const { records } = await tokenize(['a,"John Doe" <555>,b\n', '"a""b" c,"x"y"z,"q"\n']);
    expect(records).toEqual([
      ['a', '"John Doe" <555>', 'b'],
      ['"a"b" c', '"x"y"z', 'q'],
    ]);
  });

  it('ends a record at every line ending, mixed in one file', async () => {
    const { records } = await tokenize(['a\r\nb\nc\rd\n\re']);
    expect(records).toEqual([['a'], ['b'], ['c'], ['d'], [''], ['e']]);
  });

  it('resolves a quote or a CR that ends a piece with the next piece', async () => {
    const { records } = await tokenize(['"a"', '"b",c\r', '\nd,"e"', ',f\r', 'g']);
    expect(records).toEqual([['a"b', 'c'], ['d', 'e', 'f'], ['g']]);
  });

  it('drops the record of a quote never closed, keeping those before it', async () => {
    const result = await tokenize(['a,b\n"c,d\n', 'e,f\n']);
    expect(result).toEqual({ records: [['a', 'b']], unclosedQuote: true, multiline: [false] });
  });

  it('flags records with a line break inside quotes', async () => {
    const { records, multiline } = await tokenize(['"a\r\nb",c\n', 'd\n']);
    expect(records).toEqual([['a\r\nb', 'c'], ['d']]);
    expect(multiline).toEqual([true, false]);
  });
});

describe('decodeCsvText', () => {
  const decode = async (parts: (Buffer | string)[]): Promise<string> => {
    let text = '';
    for await (const piece of decodeCsvText(chunks(parts))) text += piece;
    return text;
  };
  const bytes = (text: string): Buffer[] => [...Buffer.from(text)].map((byte) => Buffer.from([byte]));

  it('drops a UTF-8 BOM cut into single bytes, and keeps a BOM further on', async () => {
    expect(await decode(bytes('\ufeffdate,x\ufeff'))).toBe('date,x\ufeff');
  });

  it('reads UTF-16LE after its BOM', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('date,caller\r\n1,Éric 日\r\n', 'utf16le')]);
    expect(await decode([utf16.subarray(0, 3), utf16.subarray(3)])).toBe('date,caller\r\n1,Éric 日\r\n');
  });

  it('joins a character cut between chunks and replaces invalid UTF-8', async () => {
    expect(await decode(bytes('Côté 🎉,'))).toBe('Côté 🎉,');
    expect(await decode([Buffer.from([0x61, 0xff, 0x2c, 0xe2, 0x82]), Buffer.from('b')])).toBe('a\ufffd,\ufffdb');
  });

  it('reads Uint8Array chunks (a web stream) as bytes', async () => {
    const encoded = new TextEncoder().encode('date,Côté\n');
    expect(await decode([encoded.subarray(0, 7) as Buffer, encoded.subarray(7) as Buffer])).toBe('date,Côté\n');
  });

  it('reads a whole file given as one string, in pieces', async () => {
    const line = 'date,"""Alice Martin"" <5145550100>",Côté\n';
    const text = line.repeat(20_000);
    let pieces = 0;
    let joined = '';
    for await (const piece of decodeCsvText(chunks([text]))) {
      pieces++;
      joined += piece;
    }
    expect(joined).toBe(text);
    expect(pieces).toBeGreaterThan(1);
  });
});
