import type { Store } from '../../../db/open';
import type { CdrBatch } from '../../cdr/types';
import { importCalls, type ImportOptions, type ImportProgress } from './importCalls';
import { importCallsPg } from './pg/importCalls';

/** Imports call records into either store (issue 16): SQLite's prepared-statement import, or PostgreSQL's set-based twin. */
export function importInto(store: Store, batches: AsyncIterable<CdrBatch>, options: ImportOptions): Promise<ImportProgress> {
  return store.dialect === 'postgres' ? importCallsPg(store, batches, options) : importCalls(store, batches, options);
}
