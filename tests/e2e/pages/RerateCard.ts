import type { Locator, Page } from '@playwright/test';

export type RerateColumn = 'Calls' | 'Before' | 'After' | 'Difference';

const COLUMN_INDEX: Record<RerateColumn, number> = { Calls: 0, Before: 1, After: 2, Difference: 3 };

/** The package editor's "Re-rate open cycles" card: preview per client, then apply after a confirmation. */
export class RerateCard {
  readonly card: Locator;
  readonly previewButton: Locator;
  readonly applyButton: Locator;
  readonly summary: Locator;
  readonly table: Locator;
  /** The total: a "Total" row, then the figures. */
  readonly totalRow: Locator;
  readonly confirmDialog: Locator;
  readonly confirmButton: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByRole('main').getByRole('region', { name: 'Re-rate open cycles' });
    this.previewButton = this.card.getByRole('button', { name: 'Preview', exact: true });
    this.applyButton = this.card.getByRole('button', { name: 'Apply', exact: true });
    this.summary = this.card.getByRole('status');
    this.table = this.card.getByRole('table', { name: 'Difference per client' });
    this.totalRow = this.table.locator('tfoot');
    this.confirmDialog = page.getByRole('alertdialog');
    this.confirmButton = this.confirmDialog.getByRole('button', { name: 'Apply re-rate' });
  }

  /** A client's group of rows: its name, then its figures. */
  row(clientName: string): Locator {
    return this.table.locator('tbody').filter({ has: this.page.getByRole('link', { name: clientName, exact: true }) });
  }

  /** A figure of a client, or of the total. */
  figure(row: Locator, column: RerateColumn): Locator {
    return row.locator('td').nth(COLUMN_INDEX[column]);
  }

  async apply(): Promise<void> {
    await this.applyButton.click();
    await this.confirmButton.click();
  }
}
