import PDFDocument from 'pdfkit';
import type { PaperSize } from '../../../preload/schemas/invoices';
import { SECTION_ORDER, SECTION_TITLES, toCents } from '../../engine/invoice';
import { AA_CONTRAST, contrastRatio } from '../../../preload/common/branding';
import { invoiceFonts } from './fonts';
import { minutesText, type PrintableInvoice } from './read';

/**
 * An invoice as a PDF, made in main with pdfkit (no browser, no network): A4 or Letter,
 * the fonts embedded from assets/fonts, the table's header repeated on every page,
 * "Page n of N" on each. The same invoice and paper give the same bytes: the document's
 * dates are the issue date and its ID is derived from them and the number (pdfkit hashes
 * the info dictionary), and nothing else varies.
 */

const PAPER: Record<PaperSize, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };
const MARGIN = 48;
const FOOTER_SPACE = 36;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const BAND = '#eef2f6';
const ACCENT = '#1d4e89';
const WHITE = '#ffffff';

/**
 * The invoice's accent: its own, or the branding's panel colour it was issued with (issue 15).
 * A light brand colour still has to be read: the title falls back to ink under 3:1 on white
 * (WCAG large text), the words on the accent bands turn to ink under 4.5:1 (normal text).
 */
export function accentColors(accent: string | undefined): { accent: string; title: string; onAccent: string } {
  const color = accent ?? ACCENT;
  return { accent: color, title: contrastRatio(color, WHITE) >= 3 ? color : INK, onAccent: contrastRatio(WHITE, color) >= AA_CONTRAST ? WHITE : INK };
}

/** Whole cents as "1,234.56" (the one display rounding: engine/invoice.ts toCents). */
export function centsText(micros: number): string {
  const cents = toCents(micros);
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${digits.slice(-2)}`;
}

const rateText = (rateE4: number): string => {
  const text = (rateE4 / 10_000).toFixed(4);
  return text.replace(/\.?0+$/, '');
};

const twoDecimals = (minutes: string): string => {
  const [whole, fraction = ''] = minutes.split('.');
  return `${Number(whole).toLocaleString('en-US')}.${fraction.padEnd(2, '0')}`;
};

export interface InvoicePdf {
  bytes: Buffer;
  pages: number;
}

/** The summary under an invoice's lines, as the PDF and the CSV print it (one list, so they cannot differ). */
export function summaryRows(invoice: PrintableInvoice): { label: string; amount: number; strong?: boolean }[] {
  return (
    invoice.kind === 'credit_note'
      ? [{ label: 'Total credited', amount: invoice.credits, strong: true }]
      : [
          { label: 'Opening balance', amount: invoice.opening },
          { label: 'Charges', amount: -invoice.subtotal },
          ...invoice.taxes.map((tax) => ({ label: `${tax.name} ${rateText(tax.rateE4)} % on ${centsText(tax.base)}`, amount: -tax.amount })),
          { label: 'Payments received', amount: invoice.payments },
          ...(invoice.credits !== 0 ? [{ label: 'Credits', amount: invoice.credits }] : []),
          ...(invoice.rounding !== 0 ? [{ label: 'Rounding (see below)', amount: invoice.rounding }] : []),
          { label: 'Closing balance', amount: invoice.closing, strong: true },
        ]);
}

export function renderInvoicePdf(invoice: PrintableInvoice, paper: PaperSize): Promise<InvoicePdf> {
  const [width, height] = PAPER[paper];
  const fixedDate = new Date(`${invoice.issueDate}T00:00:00.000Z`);
  const title = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  const doc = new PDFDocument({
    size: [width, height],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // No default font: pdfkit would parse Helvetica's metrics for every document; ours are registered below.
    font: null as unknown as string,
    autoFirstPage: true,
    compress: true,
    info: {
      Title: `${title} ${invoice.number}`,
      Author: invoice.content.companyBlock[0] ?? '',
      Subject: `${title} ${invoice.number}, ${invoice.periodStart} to ${invoice.periodEnd}`,
      Creator: 'Reseller Console',
      Producer: 'Reseller Console (pdfkit)',
      CreationDate: fixedDate,
      ModDate: fixedDate,
    },
  });
  const fonts = invoiceFonts();
  doc.registerFont('Body', fonts.regular);
  doc.registerFont('Bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const left = MARGIN;
  const right = width - MARGIN;
  const contentWidth = right - left;
  const bottom = height - MARGIN - FOOTER_SPACE;
  const columns = { count: 54, minutes: 70, amount: 96 };
  const amountX = right - columns.amount;
  const minutesX = amountX - columns.minutes;
  const countX = minutesX - columns.count;
  const dateWidth = 62;
  const descriptionX = left + 6 + dateWidth;
  const descriptionWidth = countX - descriptionX - 8;
  const currency = invoice.content.currency;
  const colors = accentColors(invoice.content.accent);

  const text = (value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string } = {}): void => {
    const { font = 'Body', size = 9, color = INK, ...rest } = options;
    doc.font(font).fontSize(size).fillColor(color).text(value, x, y, { lineBreak: false, ...rest });
  };
  const rightText = (value: string, xRight: number, y: number, options: { font?: string; size?: number; color?: string } = {}): void => {
    const { font = 'Body', size = 9, color = INK } = options;
    doc.font(font).fontSize(size);
    text(value, xRight - doc.widthOfString(value), y, { font, size, color });
  };
  const rule = (y: number, color = RULE, lineWidth = 0.6): void => {
    doc.moveTo(left, y).lineTo(right, y).lineWidth(lineWidth).strokeColor(color).stroke();
  };

  // ---- First page: the company, the document's title and facts, the client.
  let y = MARGIN;
  const companyX = left;
  // The logo heads the company block (top left); the document's title and facts stand opposite.
  let companyTop = y;
  if (invoice.logo) {
    try {
      doc.image(invoice.logo, left, y, { fit: [150, 54] });
      companyTop = y + 62;
    } catch {
      // An image pdfkit cannot read is left out rather than failing the invoice.
    }
  }
  const company = invoice.content.companyBlock;
  const facts: [string, string][] = [
    [invoice.kind === 'credit_note' ? 'Credit note no.' : 'Invoice no.', invoice.number],
    ['Issue date', invoice.issueDate],
    ['Period', `${invoice.periodStart} to ${invoice.periodEnd}`],
  ];
  if (invoice.creditFor) facts.push(['For invoice', invoice.creditFor]);
  if (invoice.kind === 'invoice') facts.push(['Amount due', `${currency} ${centsText(invoice.totalDue)}`]);
  doc.font('Bold').fontSize(9);
  const valueWidth = Math.max(...facts.map(([, value]) => doc.widthOfString(value)));
  doc.font('Body').fontSize(9);
  const labelWidth = Math.max(...facts.map(([label]) => doc.widthOfString(label)));
  // The company block wraps before the facts column, so the two never overlap.
  const companyWidth = right - valueWidth - 14 - labelWidth - 16 - companyX;
  doc.font('Bold').fontSize(13).fillColor(INK).text(company[0] ?? '', companyX, companyTop, { width: companyWidth });
  let companyY = doc.y + 3;
  for (const line of company.slice(1)) {
    doc.font('Body').fontSize(8.5).fillColor(MUTED).text(line, companyX, companyY, { width: companyWidth });
    companyY = doc.y + 0.5;
  }
  rightText(title.toUpperCase(), right, y, { font: 'Bold', size: 22, color: colors.title });
  facts.forEach(([label, value], index) => {
    const rowY = y + 34 + index * 13;
    rightText(value, right, rowY, { font: 'Bold', size: 9 });
    rightText(label, right - valueWidth - 14, rowY, { size: 9, color: MUTED });
  });
  y = Math.max(companyY, y + 34 + facts.length * 13) + 18;

  text('BILL TO', left, y, { font: 'Bold', size: 8, color: MUTED, characterSpacing: 0.8 });
  invoice.content.clientBlock.forEach((line, index) => text(line, left, y + 13 + index * 12, { font: index === 0 ? 'Bold' : 'Body', size: index === 0 ? 10.5 : 9 }));
  y += 13 + invoice.content.clientBlock.length * 12 + 16;

  if (invoice.status === 'void') {
    doc.roundedRect(left, y, contentWidth, 24, 3).fillColor('#fde8e8').fill();
    text(`VOID — ${invoice.voidReason ?? ''}`, left + 10, y + 7, { font: 'Bold', size: 10, color: '#9b1c1c', width: contentWidth - 20, ellipsis: true });
    y += 34;
  }
  if (invoice.kind === 'credit_note' && invoice.content.reason) {
    text(`Reason: ${invoice.content.reason}`, left, y, { size: 9, width: contentWidth });
    y += 18;
  }

  // ---- The table: its header on every page it spans.
  const tableHeader = (): void => {
    doc.rect(left, y, contentWidth, 18).fillColor(colors.accent).fill();
    const headerY = y + 5;
    text('Date', left + 6, headerY, { font: 'Bold', size: 8.5, color: colors.onAccent });
    text('Description', descriptionX, headerY, { font: 'Bold', size: 8.5, color: colors.onAccent });
    rightText('Calls', countX + columns.count - 6, headerY, { font: 'Bold', size: 8.5, color: colors.onAccent });
    rightText('Minutes', minutesX + columns.minutes - 6, headerY, { font: 'Bold', size: 8.5, color: colors.onAccent });
    rightText(`Amount (${currency})`, right - 6, headerY, { font: 'Bold', size: 8.5, color: colors.onAccent });
    y += 22;
  };
  const continuationHeader = (): void => {
    text(company[0] ?? '', left, MARGIN, { font: 'Bold', size: 9 });
    rightText(`${title} ${invoice.number} (continued)`, right, MARGIN, { size: 9, color: MUTED });
    y = MARGIN + 22;
  };
  const ensureRoom = (needed: number, withHeader = true): void => {
    if (y + needed <= bottom) return;
    doc.addPage();
    continuationHeader();
    if (withHeader) tableHeader();
  };

  tableHeader();
  for (const section of SECTION_ORDER) {
    const lines = invoice.lines.filter((line) => line.section === section);
    if (lines.length === 0) continue;
    ensureRoom(34);
    doc.rect(left, y - 2, contentWidth, 15).fillColor(BAND).fill();
    text(SECTION_TITLES[section], left + 6, y + 1.5, { font: 'Bold', size: 9 });
    y += 17;
    for (const line of lines) {
      // A line without calls or minutes may run across those columns.
      const width = line.count === null && line.billedSeconds === null ? amountX - descriptionX - 8 : descriptionWidth;
      doc.font('Body').fontSize(8.5);
      const rowHeight = Math.max(12, doc.heightOfString(line.description, { width })) + 3;
      ensureRoom(rowHeight);
      if (line.date !== null) text(line.date, left + 6, y, { size: 8.5, color: MUTED });
      doc.font('Body').fontSize(8.5).fillColor(INK).text(line.description, descriptionX, y, { width });
      if (line.count !== null) rightText(line.count.toLocaleString('en-US'), countX + columns.count - 6, y, { size: 8.5 });
      if (line.billedSeconds !== null) rightText(twoDecimals(minutesText(line.billedSeconds)), minutesX + columns.minutes - 6, y, { size: 8.5 });
      rightText(centsText(line.amount), right - 6, y, { size: 8.5 });
      y += rowHeight;
      doc
        .moveTo(left + 6, y - 2)
        .lineTo(right - 6, y - 2)
        .lineWidth(0.3)
        .strokeColor('#e4e7eb')
        .stroke();
    }
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    ensureRoom(15);
    rightText(`${SECTION_TITLES[section]} total`, amountX - 8, y + 1, { font: 'Bold', size: 8.5, color: MUTED });
    rightText(centsText(total), right - 6, y + 1, { font: 'Bold', size: 8.5 });
    y += 20;
  }

  // ---- The summary: every figure printed as the sum the fine print explains.
  const summary = summaryRows(invoice);
  const summaryHeight = summary.length * 15 + (invoice.kind === 'invoice' ? 34 : 8);
  ensureRoom(summaryHeight + 8, false);
  const labelRight = amountX - 8;
  const boxLeft = right - 290;
  for (const row of summary) {
    if (row.strong) {
      doc.moveTo(boxLeft, y - 2).lineTo(right, y - 2).lineWidth(0.8).strokeColor(INK).stroke();
      y += 2;
    }
    rightText(row.label, labelRight, y, { font: row.strong ? 'Bold' : 'Body', size: 9, color: row.strong ? INK : MUTED });
    rightText(centsText(row.amount), right - 6, y, { font: row.strong ? 'Bold' : 'Body', size: 9 });
    y += 15;
  }
  if (invoice.kind === 'invoice') {
    y += 4;
    doc.rect(boxLeft, y, right - boxLeft, 24).fillColor(colors.accent).fill();
    rightText('Amount due', labelRight, y + 7, { font: 'Bold', size: 10.5, color: colors.onAccent });
    rightText(`${currency} ${centsText(invoice.totalDue)}`, right - 6, y + 7, { font: 'Bold', size: 10.5, color: colors.onAccent });
    y += 34;
  }

  // ---- Payment instructions and the fine print.
  if (invoice.content.paymentInstructions && invoice.kind === 'invoice') {
    doc.font('Body').fontSize(9);
    const instructionsHeight = doc.heightOfString(invoice.content.paymentInstructions, { width: contentWidth - 20 }) + 26;
    ensureRoom(instructionsHeight + 6, false);
    doc.roundedRect(left, y, contentWidth, instructionsHeight, 3).lineWidth(0.6).strokeColor(RULE).stroke();
    text('Payment instructions', left + 10, y + 7, { font: 'Bold', size: 9 });
    doc.font('Body').fontSize(9).fillColor(INK).text(invoice.content.paymentInstructions, left + 10, y + 20, { width: contentWidth - 20 });
    y += instructionsHeight + 10;
  }
  const finePrint =
    'Amounts are exact to a millionth; each printed figure is rounded half-up to the cent, and a Rounding line reconciles the printed totals ' +
    'when needed. A positive balance is a credit in your favour. Charges dated in an already invoiced period (late calls, corrections) ' +
    'appear on the next invoice. Taxes are computed on the charges of the invoice.';
  doc.font('Body').fontSize(7);
  const fineHeight = doc.heightOfString(finePrint, { width: contentWidth });
  // The fine print may use the space kept above the footer rather than open a page of its own.
  if (y + fineHeight > bottom + FOOTER_SPACE - 16) ensureRoom(fineHeight + 6, false);
  doc.font('Body').fontSize(7).fillColor(MUTED).text(finePrint, left, y, { width: contentWidth });

  // ---- Footers, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    doc.switchToPage(range.start + index);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerY = height - MARGIN - 10;
    rule(footerY - 6);
    text(`${title} ${invoice.number} · ${company[0] ?? ''}`, left, footerY, { size: 7.5, color: MUTED });
    rightText(`Page ${index + 1} of ${range.count}`, right, footerY, { size: 7.5, color: MUTED });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return finished.then(() => ({ bytes: Buffer.concat(chunks), pages: range.count }));
}
