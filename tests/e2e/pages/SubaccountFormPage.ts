import type { Locator, Page } from '@playwright/test';
import { chooseOption, fieldErrorOf } from './ClientUi';

/** "New sub account" and "Edit …", plus the panel shown once a sub account is created. */
export class SubaccountFormPage {
  readonly username: Locator;
  readonly generatePassword: Locator;
  readonly password: Locator;
  readonly description: Locator;
  readonly deviceType: Locator;
  readonly ip: Locator;
  readonly callerId: Locator;
  readonly internationalLock: Locator;
  readonly codecItems: Locator;
  /** Edit only: the reseller client ("No client" unbinds). */
  readonly client: Locator;
  readonly connection: Locator;
  readonly packageToConnect: Locator;
  readonly nextBillingDate: Locator;
  readonly chargeSetupNow: Locator;
  readonly submitButton: Locator;
  readonly errorSummary: Locator;
  readonly created: Locator;
  readonly shownPassword: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.username = main.getByLabel('Username', { exact: true });
    this.generatePassword = main.getByRole('checkbox', { name: /Generate a strong password/ });
    this.password = main.getByLabel(/^(New password|Password)$/);
    this.description = main.getByLabel('Description', { exact: true });
    this.deviceType = main.getByRole('combobox', { name: 'Device type' });
    this.ip = main.getByLabel('Static IP address');
    this.callerId = main.getByLabel('Caller ID override');
    this.internationalLock = main.getByRole('checkbox', { name: /International lock/ });
    this.codecItems = main.locator('.codec-order__item');
    this.client = main.getByRole('combobox', { name: 'Reseller client' });
    this.connection = main.getByRole('combobox', { name: 'Client package' });
    this.packageToConnect = main.getByRole('combobox', { name: 'Package to connect' });
    this.nextBillingDate = main.getByLabel('Next billing date');
    this.chargeSetupNow = main.getByRole('checkbox', { name: /Charge setup fee now/ });
    this.submitButton = main.getByRole('button', { name: /^(Create sub account|Save changes)$/ });
    this.errorSummary = page.getByRole('alert').filter({ hasText: 'The sub account was not saved' });
    this.created = main.getByRole('region', { name: 'Sub account created' });
    this.shownPassword = page.getByTestId('subaccount-password');
  }

  async authType(label: 'User / password' | 'Static IP'): Promise<void> {
    await this.page.getByRole('radio', { name: label }).check();
  }

  async choose(combobox: Locator, option: string | RegExp): Promise<void> {
    await chooseOption(this.page, combobox, option);
  }

  codec(label: string): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  async moveCodec(label: string, direction: 'up' | 'down'): Promise<void> {
    await this.page.getByRole('button', { name: `Move ${label} ${direction}` }).click();
  }

  /** The allowed codecs, in order, as labels ("G.729A"). */
  async allowedCodecs(): Promise<string[]> {
    const rows = await this.codecItems.all();
    const allowed: string[] = [];
    for (const row of rows) {
      if (await row.getByRole('checkbox').isChecked()) allowed.push((await row.innerText()).trim());
    }
    return allowed;
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  errorFor(control: Locator): Locator {
    return fieldErrorOf(control);
  }
}
