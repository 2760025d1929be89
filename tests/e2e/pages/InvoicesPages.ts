import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { chooseOption } from './ClientUi';

/** The Invoices page: filters, the table, "Issue invoice", and the month export with its progress bar. */
export class InvoicesListPage extends AppShell {
  readonly table: Locator;
  readonly rows: Locator;
  readonly issueButton: Locator;
  readonly dialog: Locator;
  readonly clientFilter: Locator;
  readonly monthFilter: Locator;
  readonly statusFilter: Locator;
  readonly exportCard: Locator;
  readonly exportMonth: Locator;
  readonly exportButton: Locator;
  readonly exportProgress: Locator;
  readonly exportFolder: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.table = main.getByRole('table', { name: /^Invoices/ });
    this.rows = this.table.locator('tbody tr');
    this.issueButton = main.getByRole('button', { name: 'Issue invoice' });
    this.dialog = page.getByRole('dialog');
    const filters = main.getByRole('search', { name: 'Filter invoices' });
    this.clientFilter = filters.getByRole('combobox', { name: 'Client' });
    this.monthFilter = filters.getByLabel('Issued in');
    this.statusFilter = filters.getByRole('combobox', { name: 'Status' });
    this.exportCard = main.getByRole('region', { name: 'Export a month' });
    this.exportMonth = this.exportCard.getByLabel('Month');
    this.exportButton = this.exportCard.getByRole('button', { name: /Export PDFs|Exporting/ });
    this.exportProgress = this.exportCard.getByRole('progressbar', { name: 'Invoice export progress' });
    this.exportFolder = this.exportCard.getByTestId('export-folder');
  }

  async goto(): Promise<void> {
    await this.open('/invoices');
    await this.heading.waitFor();
  }

  row(number: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name: number, exact: true }) });
  }

  /** "Issue invoice" → client (and the period, else the one offered) → Issue: lands on the new invoice. */
  async issue(clientName: string, period?: { from: string; to: string }): Promise<void> {
    await this.issueButton.click();
    await chooseOption(this.page, this.dialog.getByRole('combobox', { name: 'Client' }), clientName);
    // The period offered follows the client's last invoice: wait for it before changing or sending it.
    await expect(this.dialog.getByLabel('To')).not.toHaveValue('');
    if (period) {
      await this.dialog.getByLabel('From').fill(period.from);
      await this.dialog.getByLabel('To').fill(period.to);
    }
    await this.dialog.getByRole('button', { name: 'Issue invoice' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async exportMonthOf(month: string): Promise<void> {
    await this.exportMonth.fill(month);
    await this.exportButton.click();
  }
}

/** One invoice on screen: its document, and Void / Credit note / Download PDF. */
export class InvoiceViewPage extends AppShell {
  readonly document: Locator;
  readonly number: Locator;
  readonly subtotal: Locator;
  readonly payments: Locator;
  readonly totalDue: Locator;
  readonly closingBalance: Locator;
  readonly opening: Locator;
  readonly rounding: Locator;
  readonly voidButton: Locator;
  readonly creditNoteButton: Locator;
  readonly downloadButton: Locator;
  readonly csvButton: Locator;
  readonly voidBanner: Locator;
  readonly dialog: Locator;
  readonly creditNotes: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.document = main.getByTestId('invoice-document');
    this.number = this.document.getByTestId('invoice-number');
    this.opening = this.document.getByTestId('invoice-opening');
    this.subtotal = this.document.getByTestId('invoice-subtotal');
    this.payments = this.document.getByTestId('invoice-payments');
    this.totalDue = this.document.getByTestId('invoice-total-due');
    this.closingBalance = this.document.getByTestId('invoice-closing');
    this.rounding = this.document.getByTestId('invoice-rounding');
    this.voidButton = main.getByRole('button', { name: 'Void', exact: true });
    this.creditNoteButton = main.getByRole('button', { name: 'Credit note', exact: true });
    this.downloadButton = main.getByRole('button', { name: 'Download PDF' });
    this.csvButton = main.getByRole('button', { name: 'Download CSV' });
    this.voidBanner = main.getByTestId('void-banner');
    this.dialog = page.getByRole('dialog');
    this.creditNotes = this.document.getByRole('region', { name: 'Credit notes' });
  }

  tax(index: number): Locator {
    return this.document.getByTestId(`invoice-tax-${index}`);
  }

  /** The line table of one section, by its caption ("Calls by destination", "DID fees"…). */
  section(title: string): Locator {
    return this.document.getByRole('table', { name: title });
  }

  async voidWith(reason: string): Promise<void> {
    await this.voidButton.click();
    await this.dialog.getByLabel('Reason').fill(reason);
    await this.dialog.getByRole('button', { name: 'Void invoice' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  async creditNote(amount: string, reason: string): Promise<void> {
    await this.creditNoteButton.click();
    await this.dialog.getByLabel('Amount').fill(amount);
    await this.dialog.getByLabel('Reason').fill(reason);
    await this.dialog.getByRole('button', { name: 'Issue credit note' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
