import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { chooseOption } from './ClientUi';

/** The client list: search, filters, sortable columns. */
export class ClientsListPage extends AppShell {
  readonly newClientButton: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly search: Locator;
  readonly statusFilter: Locator;
  readonly negativeOnly: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.newClientButton = main.getByRole('link', { name: 'New client' }).first();
    this.table = main.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.emptyState = main.getByRole('heading', { name: 'No clients yet' });
    this.search = main.getByRole('searchbox', { name: 'Search' });
    this.statusFilter = main.getByRole('combobox', { name: 'Status' });
    this.negativeOnly = main.getByRole('checkbox', { name: 'Only negative balances' });
  }

  async goto(): Promise<void> {
    await this.open('/clients');
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  /** The client names in the order the table shows them. */
  async names(): Promise<string[]> {
    return this.table.locator('tbody th a').allInnerTexts();
  }

  async cell(name: string, column: string): Promise<Locator> {
    const headers = await this.table.locator('thead th').allInnerTexts();
    const index = headers.findIndex((header) => header.trim().toLowerCase() === column.toLowerCase());
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(', ')}`);
    return this.row(name).locator('th, td').nth(index);
  }

  async filterByStatus(label: string | RegExp): Promise<void> {
    await chooseOption(this.page, this.statusFilter, label);
  }

  sortButton(column: 'Client' | 'Balance' | 'Created'): Locator {
    return this.table.getByRole('button', { name: column });
  }

  columnHeader(column: 'Client' | 'Balance' | 'Created'): Locator {
    return this.table.getByRole('columnheader', { name: column });
  }
}
