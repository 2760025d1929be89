import { writeFile } from 'node:fs/promises';
import { Kysely, SqliteDialect } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../../../db/schema';
import { defaultPoolSize, WorkerPool } from '../../workers/pool';
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import type { InvoiceCsvFile, InvoiceExportResult, InvoicePdfFile, PaperSize } from '../../../preload/schemas/invoices';
import { SECTION_TITLES } from '../../engine/invoice';
import { micros, moneyToText } from '../../money';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import type { ExportTargets } from '../exportTargets';
import { centsText, renderInvoicePdf, summaryRows } from './pdf';
import { minutesText, printableInvoice, type PrintableInvoice } from './read';
import { readInvoiceSettings } from './settings';

const fileNamePart = (text: string): string => text.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '');

async function paperOf(db: Kysely<Database>, paper: PaperSize | undefined): Promise<PaperSize> {
  return paper ?? (await readInvoiceSettings(db)).paper;
}

/** An invoice read for printing as a PDF: its bytes, its file name ("NW-000123-Alice-Martin.pdf") and page count. */
async function printedPdf(id: number, printable: PrintableInvoice, paper: PaperSize): Promise<{ fileName: string; bytes: Buffer; pages: number }> {
  const { bytes, pages } = await renderInvoicePdf(printable, paper);
  const client = fileNamePart(printable.content.clientBlock[0] ?? '');
  return { fileName: `${fileNamePart(printable.number) || `invoice-${id}`}${client ? `-${client}` : ''}.pdf`, bytes, pages };
}

/** One invoice as a PDF: its bytes, its file name and page count. */
export async function invoicePdf(db: Kysely<Database>, input: { id: number; paper?: PaperSize | undefined }): Promise<{ fileName: string; bytes: Buffer; pages: number }> {
  return printedPdf(input.id, await printableInvoice(db, input.id), await paperOf(db, input.paper));
}

/** `invoices.pdf`: the PDF as base64 for the window (a Save dialog, a download). */
export async function invoicePdfFile(ctx: ServiceContext, input: { id: number; paper?: PaperSize | undefined }): Promise<InvoicePdfFile> {
  const { fileName, bytes, pages } = await invoicePdf(ctx.db, input);
  return { fileName, base64: bytes.toString('base64'), pages };
}

const CSV_HEADER = ['Invoice', 'Section', 'Date', 'Description', 'Calls', 'Minutes', 'Amount', 'Exact amount'];

/**
 * `invoices.csv`: the invoice's lines, then the summary the PDF prints (summaryRows: the
 * same labels, the same figures). "Amount" is what is printed, to the cent; "Exact amount"
 * is the stored micros, so a spreadsheet can check opening + charges − payments = closing.
 */
export async function invoiceCsvFile(ctx: ServiceContext, id: number): Promise<InvoiceCsvFile> {
  const printable = await printableInvoice(ctx.db, id);
  const printed = (amount: number): string => centsText(amount).replace(/,/g, '');
  const exact = (amount: number): string => moneyToText(micros(amount));
  const rows: string[][] = printable.lines.map((line) => [
    printable.number,
    SECTION_TITLES[line.section],
    line.date ?? '',
    line.description,
    line.count === null ? '' : String(line.count),
    line.billedSeconds === null ? '' : minutesText(line.billedSeconds),
    printed(line.amount),
    exact(line.amount),
  ]);
  for (const row of summaryRows(printable)) rows.push([printable.number, 'Summary', '', row.label, '', '', printed(row.amount), exact(row.amount)]);
  if (printable.kind === 'invoice') rows.push([printable.number, 'Summary', '', 'Amount due', '', '', printed(printable.totalDue), exact(printable.totalDue)]);
  const client = fileNamePart(printable.content.clientBlock[0] ?? '');
  return {
    fileName: `${fileNamePart(printable.number) || `invoice-${id}`}${client ? `-${client}` : ''}.csv`,
    csv: stringify([CSV_HEADER, ...rows]),
    rows: rows.length,
  };
}

/** The ids of every invoice and credit note issued in a month (YYYY-MM), in number order. Index: invoices_issued. */
export async function invoicesOfMonth(ctx: ServiceContext, month: string): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('invoices')
    .select('id')
    .where('issue_date', '>=', `${month}-01`)
    .where('issue_date', '<=', `${month}-31`)
    .orderBy('issue_date')
    .orderBy('number')
    .execute();
  return rows.map((row) => row.id);
}

/** Invoices a worker writes as PDFs into a folder (pool.ts, 'invoices.pdfs'). */
export interface PdfBatch {
  ids: number[];
  folder: string;
  paper: PaperSize;
}

/** Invoices per worker job: enough that a job's start is nothing beside its PDFs, few enough that the workers end together. */
const PDFS_PER_JOB = 10;

/** A worker's part of a month's export: each PDF made and written, one chunk per file. */
export async function writeInvoicePdfs(sqlite: BetterSqlite3.Database, batch: PdfBatch, emit: (chunk: { fileName: string }) => void): Promise<{ files: number }> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  for (const id of batch.ids) {
    const { fileName, bytes } = await invoicePdf(db, { id, paper: batch.paper });
    await writeFile(join(batch.folder, fileName), bytes);
    emit({ fileName });
  }
  return { files: batch.ids.length };
}

/** Invoices read in main for a worker to print (pool.ts, 'invoices.printedPdfs'): a team server's store has no file a worker could open. */
export interface PrintedPdfBatch {
  invoices: { id: number; printable: PrintableInvoice }[];
  folder: string;
  paper: PaperSize;
}

/** A worker's part of a month's export on a team server (PostgreSQL): the PDFs of invoices main read, written one chunk per file. */
export async function writePrintedInvoicePdfs(batch: PrintedPdfBatch, emit: (chunk: { fileName: string }) => void): Promise<{ files: number }> {
  for (const { id, printable } of batch.invoices) {
    // A Buffer crosses to a worker thread as a plain Uint8Array; pdfkit takes a logo as a Buffer.
    const logo = printable.logo === null ? null : Buffer.from(printable.logo.buffer, printable.logo.byteOffset, printable.logo.byteLength);
    const { fileName, bytes } = await printedPdf(id, { ...printable, logo }, batch.paper);
    await writeFile(join(batch.folder, fileName), bytes);
    emit({ fileName });
  }
  return { files: batch.invoices.length };
}

/**
 * Writes the invoices' PDFs into a folder on worker threads; `onFile` hears how many are
 * written after each. On SQLite each worker reads the database file itself. On PostgreSQL
 * (issue 16) main reads each job's invoices just before the job is queued, and the workers
 * only print: at most one job's invoices per worker are held at a time (a logo can be 2 MB).
 */
export async function writeInvoicePdfFiles(ctx: ServiceContext, batch: PdfBatch, onFile: (done: number) => void = () => undefined): Promise<void> {
  let done = 0;
  const fileWritten = (): void => {
    done += 1;
    onFile(done);
  };
  const size = Math.min(defaultPoolSize(), Math.ceil(batch.ids.length / PDFS_PER_JOB));
  const chunks: number[][] = [];
  for (let at = 0; at < batch.ids.length; at += PDFS_PER_JOB) chunks.push(batch.ids.slice(at, at + PDFS_PER_JOB));
  const pool = new WorkerPool(ctx.store.dialect === 'sqlite' ? ctx.store.path : null, size);
  try {
    if (ctx.store.dialect === 'sqlite') {
      await Promise.all(chunks.map((ids) => pool.run('invoices.pdfs', { ...batch, ids }, fileWritten)));
      return;
    }
    const { folder, paper } = batch;
    const lane = async (): Promise<void> => {
      for (let ids = chunks.shift(); ids !== undefined; ids = chunks.shift()) {
        const invoices = [];
        for (const id of ids) invoices.push({ id, printable: await printableInvoice(ctx.db, id) });
        await pool.run('invoices.printedPdfs', { invoices, folder, paper }, fileWritten);
      }
    };
    await Promise.all(Array.from({ length: size }, lane));
  } finally {
    await pool.close();
  }
}

/**
 * `invoices.exportMonth`: every invoice of the month as one PDF each, into a folder the
 * host chooses (Electron: a folder dialog; the headless host and the CLI: their exports
 * folder), one 'invoices.exportProgress' event per file written. The PDFs are made on worker
 * threads (pool.ts), each reading the SQLite file on its own connection (on PostgreSQL main
 * reads, the workers print): 1,000 PDFs took 20.7 s
 * on one thread, on two the time `npm run bench` prints.
 */
export async function exportMonth(
  ctx: ServiceContext,
  targets: ExportTargets,
  input: { month: string; paper?: PaperSize | undefined },
): Promise<InvoiceExportResult> {
  const ids = await invoicesOfMonth(ctx, input.month);
  if (ids.length === 0) throw new AppError('not_found', `No invoice was issued in ${input.month}`);
  const destination = await targets.folder(`invoices-${input.month}`);
  if (destination === null) throw new AppError('conflict', 'The export was cancelled: no folder was chosen');
  const paper = await paperOf(ctx.db, input.paper);
  ctx.events.emit('invoices.exportProgress', { month: input.month, done: 0, total: ids.length });
  await writeInvoicePdfFiles(ctx, { ids, folder: destination.path, paper }, (done) => ctx.events.emit('invoices.exportProgress', { month: input.month, done, total: ids.length }));
  return { month: input.month, folder: destination.shownAs, files: ids.length };
}
