import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { formatMoney } from '../../preload/common/format';
import type { InvoiceView } from '../../preload/schemas/invoices';
import { expect, expectAccessible, test } from './fixtures';
import { callApi, chooseOption, reviewScreenshot, todayIso } from './pages/ClientUi';
import { InvoiceSettingsPanel } from './pages/InvoiceSettingsPanel';
import { InvoicesListPage, InvoiceViewPage } from './pages/InvoicesPages';

// Issue 11: the reseller sets up their invoices (company block, logo, numbering, taxes),
// issues one on demand for a demo client, reads it on screen — the same figures main
// holds — corrects it with a credit note, downloads its PDF, voids it, and exports a
// month of PDFs with a progress bar.

const COMPANY = {
  name: 'Northwind Voice Inc.',
  address: '1200 Rue Sainte-Catherine O\nMontréal QC H3B 1K9\nCanada',
  email: 'billing@northwind.example',
  phone: '+1 514 555 0100',
  taxNumber: 'GST 123456789 RT0001',
};
const TAXES = [
  { name: 'GST', rate: '5' },
  { name: 'QST', rate: '9.975' },
];
const LOGO = { name: 'logo.png', mimeType: 'image/png', buffer: readFileSync(join(import.meta.dirname, 'fixtures', 'invoice-logo.png')) };

interface ClientRow {
  id: number;
  name: string;
}

/** Is any control of the page past the window's right edge, or does the page scroll sideways? */
async function fitsWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways');
    for (const control of document.querySelectorAll('main input, main button, main a[href], main textarea, main [role="combobox"], main [data-testid="invoice-document"]')) {
      const box = control.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) problems.push(`${control.tagName.toLowerCase()} "${(control.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(box.right)} px`);
    }
    return problems;
  });
}

async function demoClients(page: Page): Promise<[ClientRow, ClientRow]> {
  await callApi(page, 'demo.load', { clients: 4, cdrs: 300, months: 2 });
  const clients = await callApi<ClientRow[]>(page, 'clients.list', { status: 'open' });
  return [clients[0]!, clients[1]!];
}

test('invoice settings, an invoice on demand, its figures, a credit note, its PDF, a void and a month export', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  const settings = new InvoiceSettingsPanel(page, appUrl);
  const list = new InvoicesListPage(page, appUrl);
  const view = new InvoiceViewPage(page, appUrl);
  await page.setViewportSize({ width: 1280, height: 900 });
  await settings.open('/');
  const [client, second] = await demoClients(page);

  // --- Settings → Invoices ---------------------------------------------------------
  await settings.goto();
  const before = await callApi<{ minNextNumber: number }>(page, 'invoices.settings');
  await expect(settings.form.getByText(`Lowest allowed: ${before.minNextNumber.toLocaleString('en-US')}`)).toBeVisible();
  // Below the lowest allowed: said in the window, nothing sent.
  await settings.nextNumber.fill(String(before.minNextNumber - 1));
  await settings.save();
  await expect(settings.errorSummary).toContainText(`at least ${before.minNextNumber}`);
  await settings.fillCompany(COMPANY);
  // A file too large for a logo is refused in the window, with why.
  await settings.chooseLogo({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(400_000, 1) });
  await expect(settings.form.getByText(/This image is 400 KB; a logo can be at most 375 KB/)).toBeVisible();
  await settings.chooseLogo(LOGO);
  await expect(settings.logoPreview.getByRole('img')).toBeVisible();
  await expect(settings.form.getByText(/This image is 400 KB/)).toHaveCount(0);
  await settings.numberPrefix.fill('NV-');
  await settings.nextNumber.fill('1001');
  await settings.choosePaper('Letter');
  await settings.setTaxes(TAXES);
  await settings.paymentInstructions.fill('Interac e-Transfer to billing@northwind.example, or cheque to the address above.');
  await settings.save();
  await expect(settings.toast('Invoice settings saved')).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'invoices-settings-1280');

  // Saved in main, and shown again after a reload.
  const saved = await callApi<{ companyName: string; defaultTaxes: { name: string; rate: string }[]; nextNumber: number; paper: string; logo: string | null }>(page, 'invoices.settings');
  expect(saved.companyName).toBe(COMPANY.name);
  expect(saved.defaultTaxes).toEqual(TAXES);
  expect(saved.nextNumber).toBe(1001);
  expect(saved.paper).toBe('Letter');
  expect(saved.logo).toMatch(/^data:image\/png;base64,/);
  await page.reload();
  await page.getByRole('tab', { name: 'Invoices' }).click();
  await expect(settings.companyName).toHaveValue(COMPANY.name);
  await expect(settings.taxRate(2)).toHaveValue('9.975');
  await expect(settings.paper).toHaveText(/Letter/);

  // --- An invoice on demand --------------------------------------------------------
  await list.navigateTo('Invoices');
  await expect(list.heading).toHaveText('Invoices');
  // The period offered starts the day after the client's last invoice (the demo's cycles issued some) and ends today.
  await list.issue(client.name);
  await expect(view.heading).toHaveText(/^Invoice NV-0*1001$/);
  const invoiceId = Number(/#\/invoices\/(\d+)$/.exec(page.url())?.[1]);
  const issued = await callApi<InvoiceView>(page, 'invoices.get', { id: invoiceId });
  expect(issued.clientId).toBe(client.id);
  expect(issued.periodEnd).toBe(todayIso());

  // Its figures on screen are main's, to the cent.
  await expect(view.number).toHaveText(issued.number);
  await expect(view.document).toContainText(COMPANY.name);
  for (const line of issued.clientBlock) await expect(view.document.getByRole('region', { name: 'Bill to' })).toContainText(line);
  for (const line of issued.companyBlock) await expect(view.document.locator('header')).toContainText(line);
  await expect(view.opening).toHaveText(formatMoney(issued.openingBalance));
  await expect(view.subtotal).toHaveText(formatMoney(issued.subtotal));
  expect(issued.taxes.map((tax) => tax.name)).toEqual(['GST', 'QST']);
  for (const [index, tax] of issued.taxes.entries()) {
    await expect(view.tax(index)).toHaveText(formatMoney(tax.amount));
    await expect(view.document.getByText(`${tax.name} (${tax.rate} %)`)).toBeVisible();
  }
  await expect(view.payments).toHaveText(formatMoney(issued.payments));
  await expect(view.totalDue).toHaveText(formatMoney(issued.totalDue));
  await expect(view.closingBalance).toHaveText(formatMoney(issued.closingBalance));
  await expect(view.rounding).toHaveCount(issued.rounding === null ? 0 : 1);
  const calls = issued.lines.filter((line) => line.section === 'calls');
  if (calls.length > 0) await expect(view.section('Calls by destination').locator('tbody tr')).toHaveCount(calls.length);
  await expectAccessible(page);
  await reviewScreenshot(page, 'invoices-view-1280');

  // --- A credit note against it ----------------------------------------------------
  await view.creditNote('1.00', 'Goodwill for a dropped call');
  await expect(view.toast('Credit note')).toBeVisible();
  await expect(view.creditNotes.getByRole('listitem')).toHaveCount(1);
  await expect(view.creditNotes).toContainText(formatMoney('1'));

  // --- Its PDF ---------------------------------------------------------------------
  const downloadPromise = page.waitForEvent('download');
  await view.downloadButton.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = await download.path();
  expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain(issued.number);
  // The total as the screen shows it, with or without the currency sign.
  expect(text).toContain(formatMoney(issued.totalDue).replace(/^-?\$/, ''));

  // --- Its CSV: the same summary figures as the screen and the PDF -------------------
  const csvPromise = page.waitForEvent('download');
  await view.csvButton.click();
  const csvDownload = await csvPromise;
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const summaryAmount = (label: string): string | undefined => csv.split('\n').find((line) => line.includes(`,Summary,,${label},`))?.split(',')[6];
  expect(summaryAmount('Closing balance')).toBe(formatMoney(issued.closingBalance).replace(/[$,]/g, ''));
  expect(summaryAmount('Amount due')).toBe(formatMoney(issued.totalDue).replace(/[$,]/g, ''));
  expect(text).toContain(formatMoney(issued.closingBalance).replace(/^-?\$/, ''));

  // Once credited, an invoice is corrected, not voided.
  await expect(view.voidButton).toHaveCount(0);

  // --- Void: the number is kept ----------------------------------------------------
  await list.navigateTo('Invoices');
  await list.issue(second.name);
  const voidId = Number(/#\/invoices\/(\d+)$/.exec(page.url())?.[1]);
  const toVoid = await callApi<InvoiceView>(page, 'invoices.get', { id: voidId });
  expect(toVoid.number).toMatch(/^NV-0*1003$/);
  await view.voidButton.click();
  await expect(view.dialog).toContainText(`The number ${toVoid.number} is kept`);
  await view.dialog.getByRole('button', { name: 'Cancel' }).click();
  await view.voidWith('Issued for the wrong period');
  await expect(view.toast('voided')).toBeVisible();
  await expect(view.voidBanner).toContainText('Issued for the wrong period');
  await expect(view.voidBanner).toContainText(`The number ${toVoid.number} stays taken`);
  await expect(view.voidButton).toHaveCount(0);
  await expect(view.creditNoteButton).toHaveCount(0);
  await reviewScreenshot(page, 'invoices-void-1280');
  const voided = await callApi<InvoiceView>(page, 'invoices.get', { id: voidId });
  expect(voided.status).toBe('void');
  expect(voided.number).toBe(toVoid.number);

  // --- The list: filters, and the month's export -----------------------------------
  await list.goto();
  await expect(list.row(toVoid.number)).toContainText('Void');
  await expect(list.row(issued.number)).toContainText('Issued');
  await chooseStatus(list, 'Void');
  await expect(list.row(toVoid.number)).toBeVisible();
  await expect(list.row(issued.number)).toHaveCount(0);
  await chooseStatus(list, 'Issued');
  await expect(list.row(toVoid.number)).toHaveCount(0);
  await expect(list.row(issued.number)).toBeVisible();
  await chooseStatus(list, 'Issued and void');
  await chooseOption(page, list.clientFilter, second.name);
  await expect(list.row(issued.number)).toHaveCount(0);
  await expect(list.row(toVoid.number)).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectAccessible(page);

  const month = issued.issueDate.slice(0, 7);
  await list.exportMonthOf(month);
  await expect(list.exportProgress).toHaveAttribute('aria-valuenow', '100');
  await expect(list.exportFolder).not.toBeEmpty();
  const folder = (await list.exportFolder.textContent())!.trim();
  const listed = await callApi<{ rows: unknown[]; total: number }>(page, 'invoices.list', { month, status: 'all' });
  const pdfs = readdirSync(folder).filter((name) => name.endsWith('.pdf'));
  expect(pdfs.length).toBe(listed.total);
  await expect(list.exportCard).toContainText(`${listed.total.toLocaleString('en-US')} of ${listed.total.toLocaleString('en-US')}`);
  await reviewScreenshot(page, 'invoices-list-1280');

  // --- The same pages at 1024 px ---------------------------------------------------
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const path of ['/invoices', `/invoices/${invoiceId}`, '/settings/invoices', `/clients/${client.id}`]) {
    await list.open(path);
    await expect(list.heading).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    expect(await fitsWindow(page), path).toEqual([]);
    await reviewScreenshot(page, `invoices-1024${path.replaceAll('/', '_')}`);
  }
});

async function chooseStatus(list: InvoicesListPage, label: string): Promise<void> {
  await list.statusFilter.click();
  await list.page.getByRole('option', { name: label, exact: true }).click();
}

test('the client page lists its invoices, issues one, and keeps its own taxes', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const view = new InvoiceViewPage(page, appUrl);
  await view.open('/');
  const [client] = await demoClients(page);
  const { minNextNumber } = await callApi<{ minNextNumber: number }>(page, 'invoices.settings');
  await callApi(page, 'invoices.saveSettings', {
    companyName: COMPANY.name,
    companyAddress: COMPANY.address,
    companyEmail: COMPANY.email,
    companyPhone: COMPANY.phone,
    taxNumber: COMPANY.taxNumber,
    logo: null,
    numberPrefix: 'INV-',
    nextNumber: minNextNumber,
    paper: 'A4',
    paymentInstructions: 'Bank transfer',
    defaultTaxes: TAXES,
    issueOnCycleClose: false,
  });

  await view.open(`/clients/${client.id}`);
  const invoicesCard = page.getByRole('region', { name: 'Invoices' });
  const taxesCard = page.getByRole('region', { name: 'Taxes' });
  const numberPattern = new RegExp(`^INV-0*${minNextNumber}$`);
  const invoiceHeading = new RegExp(`^Invoice INV-0*${minNextNumber}$`);
  await expect(invoicesCard.getByRole('link', { name: numberPattern })).toHaveCount(0);

  // Its own taxes: GST only.
  await expect(taxesCard.getByLabel('The default list')).toBeChecked();
  await expect(taxesCard).toContainText('GST 5 %, QST 9.975 %');
  await taxesCard.getByLabel('Its own list').check();
  await expect(taxesCard.getByLabel('Tax 2 name')).toHaveValue('QST');
  await taxesCard.getByRole('button', { name: /^Remove tax 2\b/ }).click();
  await taxesCard.getByRole('button', { name: 'Save taxes' }).click();
  await expect(view.toast('Taxes saved')).toBeVisible();
  expect(await callApi(page, 'invoices.clientTaxes', { id: client.id })).toEqual([{ name: 'GST', rate: '5' }]);

  // An invoice from the client's page: the client is fixed, its own tax applies.
  await invoicesCard.getByRole('button', { name: 'Issue invoice' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Client: ${client.name}`);
  await dialog.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(view.heading).toHaveText(invoiceHeading);
  await expect(view.document.getByText('GST (5 %)')).toBeVisible();
  await expect(view.document.getByText(/^QST/)).toHaveCount(0);

  await view.open(`/clients/${client.id}`);
  const link = invoicesCard.getByRole('link', { name: numberPattern });
  await expect(link).toBeVisible();
  await expectAccessible(page);
  await link.click();
  await expect(view.heading).toHaveText(invoiceHeading);

  // Back to the default list.
  await view.open(`/clients/${client.id}`);
  await taxesCard.getByLabel('The default list').check();
  await taxesCard.getByRole('button', { name: 'Save taxes' }).click();
  await expect(view.toast('Taxes saved')).toBeVisible();
  expect(await callApi(page, 'invoices.clientTaxes', { id: client.id })).toBeNull();
});

test('unsaved invoice settings are not lost: a tab switch keeps them, leaving the page asks first', async ({ page, appUrl }) => {
  const settings = new InvoiceSettingsPanel(page, appUrl);
  await settings.goto();
  await settings.companyName.fill('Draft Company');
  await page.getByRole('tab', { name: 'Display' }).click();
  await page.getByRole('tab', { name: 'Invoices' }).click();
  await expect(settings.companyName).toHaveValue('Draft Company');
  await settings.navLink('Clients').click();
  await expect(page.getByRole('alertdialog').filter({ hasText: 'Leave without saving?' })).toBeVisible();
  await settings.leaveWithoutSaving();
  await expect(settings.heading).toHaveText('Clients');
});

test('main’s refusals of the invoice settings land under their fields, and at most five taxes', async ({ page, appUrl }) => {
  const settings = new InvoiceSettingsPanel(page, appUrl);
  await settings.goto();
  await settings.setTaxes([
    { name: 'GST', rate: 'five' },
    { name: '', rate: '9.975' },
  ]);
  await settings.companyEmail.fill('not an e-mail');
  await settings.save();
  await expect(settings.errorSummary).toBeVisible();
  await expect(settings.errorSummary).toBeFocused();
  await expect(settings.taxRate(1)).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.taxName(2)).toHaveAttribute('aria-invalid', 'true');
  // An entry of the summary takes the focus to its control.
  await settings.errorSummary.getByRole('button', { name: /^Tax 1:/ }).click();
  await expect(settings.taxRate(1)).toBeFocused();
  await expectAccessible(page);
  await reviewScreenshot(page, 'invoices-settings-errors');

  for (let row = 3; row <= 5; row += 1) await settings.addTax.click();
  await expect(settings.addTax).toBeDisabled();
  await expect(settings.form.getByText('At most 5 taxes.')).toBeVisible();
  await settings.removeTax(5).click();
  await expect(settings.addTax).toBeEnabled();
});
