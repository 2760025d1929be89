import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Packages → Cost deck: the provider's rates per route, imported from CSV. */
export class CostDeckPage extends AppShell {
  readonly fileInput: Locator;
  readonly replace: Locator;
  readonly importButton: Locator;
  readonly importSummary: Locator;
  readonly rejectedRows: Locator;
  readonly routesTable: Locator;
  /** The last import's failure banner: nothing was imported. */
  readonly importFailure: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.fileInput = main.getByLabel('CSV file');
    this.replace = main.getByRole('checkbox', { name: 'Replace the route’s whole deck' });
    this.importButton = main.getByRole('button', { name: 'Import rates' });
    this.importSummary = main.getByTestId('cost-import-summary');
    this.rejectedRows = main.getByRole('table', { name: 'Refused lines' }).locator('tbody tr');
    this.routesTable = main.getByRole('table', { name: 'Imported prefixes per route' });
    this.importFailure = main.getByTestId('cost-import-failure');
  }

  async goto(): Promise<void> {
    await this.open('/packages/costs');
  }

  route(name: 'Value' | 'Premium'): Locator {
    return this.page.getByRole('group', { name: 'Route' }).getByRole('radio', { name, exact: true });
  }

  /** The routes table's row for a route: route, prefixes, last import. */
  routeRow(name: 'Value' | 'Premium'): Locator {
    return this.routesTable.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async importCsv(route: 'Value' | 'Premium', fileName: string, csv: string, replace = false): Promise<void> {
    await this.route(route).check();
    await this.fileInput.setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await this.replace.setChecked(replace);
    await this.importButton.click();
  }
}
