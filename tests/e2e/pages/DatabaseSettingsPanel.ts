import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Settings → Database (issue 16): where the data lives, and a team server chosen for the next start. */
export class DatabaseSettingsPanel extends AppShell {
  readonly nowCard: Locator;
  readonly location: Locator;
  readonly nextStart: Locator;
  readonly form: Locator;
  readonly thisComputer: Locator;
  readonly teamServer: Locator;
  readonly serverUrl: Locator;
  readonly password: Locator;
  readonly saveButton: Locator;
  readonly testButton: Locator;
  readonly result: Locator;
  readonly restartNote: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.nowCard = page.getByRole('region', { name: 'Where your data lives now' });
    this.location = this.nowCard.getByTestId('database-location');
    this.nextStart = this.nowCard.getByTestId('database-next');
    this.form = page.getByRole('form', { name: 'Database choice' });
    this.thisComputer = this.form.getByRole('radio', { name: 'This computer' });
    this.teamServer = this.form.getByRole('radio', { name: 'Team server (PostgreSQL)' });
    this.serverUrl = this.form.getByLabel('Server address');
    this.password = this.form.getByLabel('Password', { exact: true });
    this.saveButton = this.form.getByRole('button', { name: 'Save for the next start' });
    this.testButton = this.form.getByRole('button', { name: 'Test connection' });
    this.result = page.getByTestId('database-test-result');
    this.restartNote = page.getByRole('note').filter({ hasText: 'Takes effect at the next start' });
  }

  async goto(): Promise<void> {
    await this.open('/settings/database');
    await this.nowCard.waitFor();
  }

  /** Runs the test and waits for its answer (success or refusal). */
  async testConnection(): Promise<void> {
    await this.testButton.click();
    await this.result.waitFor();
  }
}
