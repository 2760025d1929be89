import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The package list: table, empty state, delete confirmation. */
export class PackagesPage extends AppShell {
  readonly newPackageButton: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.newPackageButton = main.getByRole('link', { name: 'New package' }).first();
    this.table = main.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.emptyState = main.getByRole('heading', { name: 'No packages yet' });
    this.confirmDialog = page.getByRole('alertdialog');
  }

  async goto(): Promise<void> {
    await this.open('/packages');
  }

  row(name: string): Locator {
    // By the name's link: an archived package's row header also holds an "Archived" badge.
    return this.rows.filter({ has: this.page.getByRole('rowheader').getByRole('link', { name, exact: true }) });
  }

  /** Cell text by column header, e.g. cell("Retail", "Pulse"). */
  async cell(name: string, column: string): Promise<Locator> {
    await this.row(name).waitFor();
    const headers = await this.table.locator('thead th').allInnerTexts();
    const index = headers.findIndex((header) => header.trim().toLowerCase() === column.toLowerCase());
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
    return this.row(name).locator('th, td').nth(index);
  }

  async startNew(): Promise<void> {
    await this.newPackageButton.click();
  }

  async edit(name: string): Promise<void> {
    await this.row(name).getByRole('link', { name: `Edit ${name}` }).click();
  }

  async delete(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: `Delete ${name}` }).click();
    await this.confirmDialog.getByRole('button', { name: 'Delete package' }).click();
  }
}
