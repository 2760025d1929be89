import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Settings → Billing: run billing by hand for a day, and what the run did (closed, charged, skipped). */
export class BillingSettingsPanel extends AppShell {
  readonly card: Locator;
  readonly date: Locator;
  readonly runButton: Locator;
  readonly cyclesClosed: Locator;
  readonly skippedCount: Locator;
  readonly skipped: Locator;
  readonly skippedRows: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.card = page.getByRole('region', { name: 'Billing' });
    this.date = this.card.getByLabel('Bill cycles due on or before');
    this.runButton = this.card.getByRole('button', { name: 'Run billing' });
    this.cyclesClosed = page.getByTestId('billing-cycles');
    this.skippedCount = page.getByTestId('billing-skipped-count');
    this.skipped = page.getByTestId('billing-skipped');
    this.skippedRows = this.skipped.getByRole('table').locator('tbody tr');
  }

  async goto(): Promise<void> {
    await this.open('/settings');
    await this.page.getByRole('tab', { name: 'Billing' }).click();
  }

  async run(date: string): Promise<void> {
    await this.date.fill(date);
    await this.runButton.click();
  }

  /** The skipped client package of this client. */
  skippedRow(clientName: string): Locator {
    return this.skippedRows.filter({ has: this.page.getByRole('rowheader', { name: clientName }) });
  }
}
