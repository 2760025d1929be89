import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { fieldErrorOf } from './ClientUi';

/** The DID inventory: add one number, import a pasted list, see who each number rings for. */
export class DidsPage extends AppShell {
  readonly number: Locator;
  readonly description: Locator;
  readonly addButton: Locator;
  readonly importText: Locator;
  readonly importButton: Locator;
  readonly importResult: Locator;
  readonly rejectedLines: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly search: Locator;
  /** The open edit dialog, and the remove confirmation. */
  readonly dialog: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.number = main.getByLabel('Phone number', { exact: true });
    this.description = main.getByLabel('Description', { exact: true });
    this.addButton = main.getByRole('button', { name: 'Add number' });
    this.importText = main.getByLabel('Numbers', { exact: true });
    this.importButton = main.getByRole('button', { name: 'Import numbers' });
    this.importResult = main.locator('.import-result');
    this.rejectedLines = main.getByRole('list', { name: 'Rejected lines' }).getByRole('listitem');
    this.table = main.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.emptyState = main.getByRole('heading', { name: 'No DIDs yet' });
    this.search = main.getByRole('searchbox', { name: 'Search' });
    this.dialog = page.getByRole('dialog');
    this.confirmDialog = page.getByRole('alertdialog');
  }

  async edit(formattedNumber: string, fields: { description?: string; minuteRate?: string; monthlyFee?: string }): Promise<void> {
    await this.row(formattedNumber).getByRole('button', { name: `Edit ${formattedNumber}` }).click();
    if (fields.description !== undefined) await this.dialog.getByLabel('Description').fill(fields.description);
    if (fields.minuteRate !== undefined) await this.dialog.getByLabel('Per-minute rate').fill(fields.minuteRate);
    if (fields.monthlyFee !== undefined) await this.dialog.getByLabel('Monthly fee').fill(fields.monthlyFee);
    await this.dialog.getByRole('button', { name: 'Save DID' }).click();
  }

  removeButton(formattedNumber: string): Locator {
    return this.row(formattedNumber).getByRole('button', { name: `Remove ${formattedNumber}` });
  }

  async cell(formattedNumber: string, column: string): Promise<Locator> {
    await this.row(formattedNumber).waitFor();
    const headers = await this.table.locator('thead th').allInnerTexts();
    const index = headers.findIndex((header) => header.trim().toLowerCase() === column.toLowerCase());
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
    return this.row(formattedNumber).locator('th, td').nth(index);
  }

  async goto(): Promise<void> {
    await this.open('/dids');
  }

  async add(number: string, description = ''): Promise<void> {
    await this.number.fill(number);
    await this.description.fill(description);
    await this.addButton.click();
  }

  async importList(text: string): Promise<void> {
    await this.importText.fill(text);
    await this.importButton.click();
  }

  row(formattedNumber: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name: formattedNumber, exact: true }) });
  }

  errorFor(control: Locator): Locator {
    return fieldErrorOf(control);
  }

  count(testId: 'import-added' | 'import-already-there' | 'import-rejected'): Locator {
    return this.page.getByTestId(testId);
  }
}
