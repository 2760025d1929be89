import { fileURLToPath } from 'node:url';
import { parseCdrFile, parseCdrStream, type CdrBatch, type CdrFormat, type CdrRejection, type ParsedCdr } from '../../../main/cdr';

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/cdr/${name}`, import.meta.url));

export interface Collected {
  good: ParsedCdr[];
  rejected: CdrRejection[];
  batches: CdrBatch[];
}

export async function collect(batches: AsyncIterable<CdrBatch>): Promise<Collected> {
  const result: Collected = { good: [], rejected: [], batches: [] };
  for await (const batch of batches) {
    result.batches.push(batch);
    result.good.push(...batch.good);
    result.rejected.push(...batch.rejected);
  }
  return result;
}

export const parseFixture = (name: string, format?: CdrFormat): Promise<Collected> =>
  collect(parseCdrFile(fixture(name), format));

/** Feeds text in chunks of `size` characters, or as UTF-8 buffers cut at `size` bytes. */
export async function* chunked(text: string, size: number, asBuffers = false): AsyncGenerator<string | Buffer> {
  if (asBuffers) {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    return;
  }
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

export const parseText = (text: string, format: CdrFormat, chunkSize = 64, asBuffers = false): Promise<Collected> =>
  collect(parseCdrStream(chunked(text, chunkSize, asBuffers), format));
