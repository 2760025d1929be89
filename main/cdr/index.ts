export * from './types';
export { normalizeCdrRecord, parseStartedAt, CDR_FIELDS } from './normalize';
export { parseCdrStream, parseCdrFile, detectCdrFormat } from './stream';
export {
  cdrCsvHeader,
  cdrCsvLine,
  formatDuration,
  toProviderRecord,
  CDR_CSV_COLUMNS,
  type CdrCsvColumn,
  type CdrCsvRecord,
  type ProviderCall,
} from './writeCsv';
