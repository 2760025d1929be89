import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The text of a file the page downloads when `click` runs. */
export async function downloadedText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, unknown] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Reports: Financial, Sub accounts and DIDs tabs. */
export class ReportsPage extends AppShell {
  readonly tabs: Locator;
  readonly panel: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly totalRow: Locator;
  readonly exportButton: Locator;
  readonly charts: Locator;
  readonly search: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.tabs = page.getByRole('tablist', { name: 'Reports' });
    this.panel = page.getByRole('tabpanel');
    this.table = this.panel.getByRole('table');
    this.rows = this.table.locator('tbody tr:not(.data-table__spacer)');
    this.totalRow = this.table.locator('tfoot tr');
    this.exportButton = this.panel.getByRole('button', { name: 'Export CSV', exact: true });
    this.charts = this.panel.locator('figure .recharts-wrapper > svg.recharts-surface');
    this.search = this.panel.getByRole('searchbox', { name: 'Search' });
  }

  async goto(): Promise<void> {
    await this.open('/reports');
  }

  tab(name: 'Financial' | 'Sub accounts' | 'DIDs'): Locator {
    return this.tabs.getByRole('tab', { name });
  }

  field(label: string): Locator {
    return this.panel.getByLabel(label, { exact: true });
  }

  chartCsvButton(title: string): Locator {
    return this.page.getByRole('button', { name: `Export the data of “${title}” as CSV` });
  }
}
