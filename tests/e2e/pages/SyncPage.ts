import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Issue 12, the Sync page: the changes waiting for the provider, Retry and Discard; the count beside Sync in the sidebar. */
export class SyncPage extends AppShell {
  readonly status: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly allSent: Locator;
  readonly sendNow: Locator;
  readonly confirmDialog: Locator;
  /** The number beside "Sync" in the sidebar. */
  readonly sidebarCount: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.status = main.getByRole('status', { name: 'Sync status' });
    this.table = main.getByRole('table', { name: 'Changes waiting for the provider' });
    this.rows = this.table.locator('tbody tr');
    this.allSent = main.getByRole('heading', { name: 'Everything is in step' });
    this.sendNow = main.getByRole('button', { name: 'Send now' });
    this.confirmDialog = page.getByRole('alertdialog');
    this.sidebarCount = this.nav.getByTestId('sync-count');
  }

  async goto(): Promise<void> {
    await this.open('/sync');
  }

  /** The row of a change, by its line ("New client Alice Martin (Acme)"). */
  row(summary: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name: summary, exact: true }) });
  }

  async discard(summary: string): Promise<void> {
    await this.row(summary).getByRole('button', { name: /^Discard #\d+/ }).click();
    await this.confirmDialog.getByRole('button', { name: 'Discard change' }).click();
  }

  async retry(summary: string): Promise<void> {
    await this.row(summary).getByRole('button', { name: /^Retry #\d+/ }).click();
  }
}
