import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/open';
import { createContext } from '../../main/services/context';
import { nextDay } from '../../main/engine/billingDates';
import { writeInvoicePdfFiles } from '../../main/services/invoices/files';
import { issueInvoice, latestInvoice } from '../../main/services/invoices/issue';
import { readNumbering, saveInvoiceSettings } from '../../main/services/invoices/settings';
import { percentE4 } from '../../main/money';

/** Issue 11's goal: 1,000 invoice PDFs ≤ 20 s (the month's export into a folder). */
export const BENCH_INVOICES = 1_000;

/**
 * On a copy of the bench's imported database (a month of calls): issues one invoice for each
 * of the first 1,000 clients, for the month up to yesterday (after the invoices its billing
 * cycles issued, if any; timed apart), then writes their PDFs into a folder, one by one as
 * the month's export does — the timed part.
 */
export async function benchInvoices(db: string, work: string, now: () => Date, count = BENCH_INVOICES): Promise<Record<string, number>> {
  copyFileSync(db, work);
  const store = await openStore(work);
  const ctx = createContext(store, now);
  const folder = mkdtempSync(join(tmpdir(), 'rc-bench-invoices-'));
  try {
    await saveInvoiceSettings(ctx, {
      companyName: 'Bench Telecom Inc.',
      companyAddress: '1 Bench Street\nMontréal QC H2X 1Y4\nCanada',
      companyEmail: 'billing@bench.example',
      companyPhone: '+1 514 555 0100',
      taxNumber: 'GST 123456789 RT0001',
      logo: null,
      numberPrefix: 'B-',
      nextNumber: (await readNumbering(store.db)).next,
      paper: 'A4',
      paymentInstructions: 'Bank transfer to account 1234567; quote the invoice number.',
      defaultTaxes: [
        { name: 'GST', rate: percentE4(50_000) },
        { name: 'QST', rate: percentE4(99_750) },
      ],
      issueOnCycleClose: false,
    });
    const clients = await store.db.selectFrom('clients').select('id').orderBy('id').limit(count).execute();
    const to = new Date(now().getTime() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(now().getTime() - 31 * 86_400_000).toISOString().slice(0, 10);
    const ids: number[] = [];
    let started = process.hrtime.bigint();
    for (const client of clients) {
      const latest = await latestInvoice(store.db, client.id);
      const start = latest && latest.period_end >= from ? nextDay(latest.period_end) : from;
      if (start <= to) ids.push(await issueInvoice(ctx, { clientId: client.id, from: start, to }));
    }
    const issueSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    let lines = 0;
    for (let index = 0; index < ids.length; index += 500) {
      const row = await store.db
        .selectFrom('invoice_lines')
        .select((eb) => eb.fn.countAll<number>().as('lines'))
        .where('invoice_id', 'in', ids.slice(index, index + 500))
        .executeTakeFirstOrThrow();
      lines += Number(row.lines);
    }
    // The 1,000 invoices' PDFs as the month's export writes them (worker threads), timed; then their pages counted apart.
    started = process.hrtime.bigint();
    await writeInvoicePdfFiles(ctx, { ids, folder, paper: 'A4' });
    const pdfSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const files = readdirSync(folder);
    let pages = 0;
    for (const file of files) pages += (readFileSync(join(folder, file), 'latin1').match(/\/Type \/Page\b/g) ?? []).length;
    return { invoices: ids.length, lines, issueSeconds, pdfs: files.length, pages, pdfSeconds };
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
