import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export interface SmtpFields {
  enabled?: boolean;
  host?: string;
  port?: string;
  security?: 'TLS' | 'STARTTLS' | 'None';
  user?: string;
  password?: string;
  fromAddress?: string;
  fromName?: string;
}

/** Settings → E-mail (issue 15): the mail server form, "Send test e-mail", and the e-mail outbox. */
export class EmailSettingsPanel extends AppShell {
  readonly serverCard: Locator;
  readonly form: Locator;
  readonly enabled: Locator;
  readonly host: Locator;
  readonly port: Locator;
  readonly user: Locator;
  readonly password: Locator;
  readonly forgetPassword: Locator;
  readonly fromAddress: Locator;
  readonly fromName: Locator;
  readonly saveButton: Locator;
  readonly errorSummary: Locator;
  readonly testCard: Locator;
  readonly testTo: Locator;
  readonly testButton: Locator;
  readonly testResult: Locator;
  readonly testResponse: Locator;
  readonly outbox: Locator;
  readonly outboxRows: Locator;
  readonly outboxStatus: Locator;
  readonly showSent: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.serverCard = page.getByRole('region', { name: 'Mail server' });
    this.form = page.getByRole('form', { name: 'E-mail settings' });
    this.enabled = this.form.getByLabel('Send e-mail from this console');
    this.host = this.form.getByRole('textbox', { name: 'SMTP server', exact: true });
    this.port = this.form.getByRole('textbox', { name: 'Port', exact: true });
    this.user = this.form.getByRole('textbox', { name: 'User name', exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.forgetPassword = this.form.getByLabel('Forget the saved password');
    this.fromAddress = this.form.getByRole('textbox', { name: 'From address', exact: true });
    this.fromName = this.form.getByRole('textbox', { name: 'From name', exact: true });
    this.saveButton = this.form.getByRole('button', { name: 'Save e-mail settings' });
    this.errorSummary = this.form.getByRole('alert').filter({ hasText: 'The e-mail settings were not saved' });
    this.testCard = page.getByRole('region', { name: 'Test e-mail' });
    this.testTo = this.testCard.getByLabel('Send to');
    this.testButton = this.testCard.getByRole('button', { name: 'Send test e-mail' });
    this.testResult = this.testCard.getByTestId('test-email-result');
    this.testResponse = this.testCard.getByTestId('test-email-response');
    this.outbox = page.getByRole('region', { name: 'E-mail outbox' });
    this.outboxRows = this.outbox.getByRole('table').locator('tbody tr');
    this.outboxStatus = this.outbox.getByTestId('email-outbox-status');
    this.showSent = this.outbox.getByLabel('Show sent e-mails too');
    this.confirmDialog = page.getByRole('alertdialog');
  }

  async goto(): Promise<void> {
    await this.open('/settings/email');
    await this.form.waitFor();
  }

  security(label: 'TLS' | 'STARTTLS' | 'None'): Locator {
    return this.form.getByRole('radio', { name: new RegExp(`^${label}\\b`) });
  }

  /** Fills what is given (the rest stays as it is). */
  async fill(fields: SmtpFields): Promise<void> {
    if (fields.enabled !== undefined) await this.enabled.setChecked(fields.enabled);
    if (fields.host !== undefined) await this.host.fill(fields.host);
    if (fields.port !== undefined) await this.port.fill(fields.port);
    if (fields.security !== undefined) await this.security(fields.security).check();
    if (fields.user !== undefined) await this.user.fill(fields.user);
    if (fields.password !== undefined) await this.password.fill(fields.password);
    if (fields.fromAddress !== undefined) await this.fromAddress.fill(fields.fromAddress);
    if (fields.fromName !== undefined) await this.fromName.fill(fields.fromName);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }

  /** Sends the test e-mail and waits for the answer on screen (sent or refused). */
  async sendTest(to?: string): Promise<void> {
    if (to !== undefined) await this.testTo.fill(to);
    await this.testButton.click();
    await this.testResult.waitFor();
  }

  /** The outbox row of the e-mail with this subject (its row header). */
  outboxRow(subject: string | RegExp): Locator {
    return this.outboxRows.filter({ has: this.page.getByRole('rowheader', { name: subject }) });
  }

  /** Retry on a row (no confirmation: it only makes the e-mail due now). */
  async retry(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Retry/ }).click();
  }

  /** Discard on a row, confirmed in the dialog. */
  async discard(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Discard/ }).click();
    await this.confirmDialog.getByRole('button', { name: 'Discard e-mail' }).click();
    await this.confirmDialog.waitFor({ state: 'detached' });
  }
}
