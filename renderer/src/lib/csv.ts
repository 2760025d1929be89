import { stringify } from 'csv-stringify/browser/esm/sync';
import { downloadTextFile } from '../pages/Packages/downloadFile';

/** A small table (a chart's data) saved as CSV, built in the window: header row first. */
export function downloadCsv(fileName: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  downloadTextFile(fileName, stringify([[...header], ...rows.map((row) => [...row])]));
}
