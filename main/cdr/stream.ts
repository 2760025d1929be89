import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvCdrReader } from './parseCsv';
import { JsonCdrReader } from './parseJson';
import {
  DEFAULT_BATCH_SIZE,
  isCdrRejection,
  type CdrBatch,
  type CdrFormat,
  type CdrParseOptions,
  type CdrRejection,
  type ParsedCdr,
} from './types';

/**
 * Batches of parsed CDRs from a stream, so the import can commit each batch in its own
 * transaction and report progress. The generator reads ahead only while its batch fills:
 * memory is bounded by the batch size, not the file (DESIGN.md "Scale": 1,000,000 CDRs a month).
 */
export async function* parseCdrStream(
  input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream,
  format: CdrFormat,
  options: CdrParseOptions = {},
): AsyncGenerator<CdrBatch> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${String(batchSize)}`);
  }
  const bytes = { read: 0 };
  const source = countBytes(input, bytes);
  const reader = format === 'voipms-json' ? new JsonCdrReader(source) : new CsvCdrReader(source);
  let good: ParsedCdr[] = [];
  let rejected: CdrRejection[] = [];
  let yielded = false;
  for await (const row of reader.rows()) {
    if (isCdrRejection(row)) rejected.push(row);
    else good.push(row);
    if (good.length + rejected.length >= batchSize) {
      yield { good, rejected, linesRead: reader.linesRead, bytesRead: bytes.read };
      good = [];
      rejected = [];
      yielded = true;
    }
  }
  // One batch at least, so a caller always gets the final counters (even for an empty list).
  if (good.length + rejected.length > 0 || !yielded) {
    yield { good, rejected, linesRead: reader.linesRead, bytesRead: bytes.read };
  }
}

async function* countBytes(
  input: AsyncIterable<Buffer | string>,
  bytes: { read: number },
): AsyncGenerator<Buffer | string> {
  for await (const chunk of input) {
    bytes.read += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    yield chunk;
  }
}

/** JSON answers start with '{' or '['; anything else is taken for the portal's CSV export. */
export function detectCdrFormat(firstBytes: string): CdrFormat {
  const text = firstBytes.charCodeAt(0) === 0xfeff ? firstBytes.slice(1) : firstBytes;
  const first = text.trimStart().charAt(0);
  return first === '{' || first === '[' ? 'voipms-json' : 'voipms-csv';
}

/** Parses a CDR file, detecting its format from its first bytes when none is given. */
export async function* parseCdrFile(
  path: string,
  format?: CdrFormat,
  options?: CdrParseOptions,
): AsyncGenerator<CdrBatch> {
  const chosen = format ?? detectCdrFormat(await readHead(path, 1024));
  yield* parseCdrStream(createReadStream(path, { highWaterMark: 256 * 1024 }), chosen, options);
}

async function readHead(path: string, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
