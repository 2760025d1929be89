import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Settings → Provider (issue 12): the API's credentials and address, and "Test connection". */
export class ProviderSettingsPanel extends AppShell {
  readonly apiCard: Locator;
  readonly form: Locator;
  readonly apiUsername: Locator;
  readonly apiPassword: Locator;
  readonly apiAddress: Locator;
  readonly saveButton: Locator;
  /** Shown instead of the form when the credentials come from RESELLER_API_USERNAME / _PASSWORD. */
  readonly fromEnvironment: Locator;
  readonly environmentUsername: Locator;
  readonly noKeychain: Locator;
  readonly testButton: Locator;
  readonly result: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.apiCard = page.getByRole('region', { name: 'VoIP.ms API' });
    this.form = page.getByRole('form', { name: 'Provider settings' });
    this.apiUsername = this.form.getByLabel('API e-mail');
    this.apiPassword = this.form.getByLabel('API password');
    this.apiAddress = this.form.getByLabel('API address');
    this.saveButton = this.form.getByRole('button', { name: 'Save provider settings' });
    this.fromEnvironment = this.apiCard.getByRole('note').filter({ hasText: 'Set by the environment' });
    this.environmentUsername = this.apiCard.getByTestId('provider-username');
    this.noKeychain = this.apiCard.getByRole('note').filter({ hasText: 'cannot be saved' });
    this.testButton = page.getByRole('button', { name: 'Test connection' });
    this.result = page.getByTestId('connection-result');
  }

  async goto(): Promise<void> {
    await this.open('/settings/provider');
    await this.apiCard.waitFor();
  }

  /** Runs the test and waits for its answer (success or failure). */
  async testConnection(): Promise<void> {
    await this.testButton.click();
    await this.result.waitFor();
  }
}
