import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { chooseOption } from './ClientUi';

export interface CompanyBlock {
  name: string;
  address: string;
  email: string;
  phone: string;
  taxNumber: string;
}

/** Settings → Invoices: the company block and logo, numbering, paper, default taxes, payment instructions. */
export class InvoiceSettingsPanel extends AppShell {
  readonly form: Locator;
  readonly companyName: Locator;
  readonly companyAddress: Locator;
  readonly companyEmail: Locator;
  readonly companyPhone: Locator;
  readonly taxNumber: Locator;
  readonly logoInput: Locator;
  readonly logoPreview: Locator;
  readonly removeLogo: Locator;
  readonly numberPrefix: Locator;
  readonly nextNumber: Locator;
  readonly paper: Locator;
  readonly paymentInstructions: Locator;
  readonly issueOnCycleClose: Locator;
  readonly addTax: Locator;
  readonly saveButton: Locator;
  readonly errorSummary: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.form = page.getByRole('form', { name: 'Invoice settings' });
    this.companyName = this.form.getByLabel('Company name');
    this.companyAddress = this.form.getByLabel('Address', { exact: true });
    this.companyEmail = this.form.getByLabel('E-mail', { exact: true });
    this.companyPhone = this.form.getByLabel('Phone', { exact: true });
    this.taxNumber = this.form.getByLabel('Tax number');
    this.logoInput = this.form.getByLabel('Logo', { exact: true });
    this.logoPreview = this.form.getByTestId('logo-preview');
    this.removeLogo = this.form.getByRole('button', { name: 'Remove logo' });
    this.numberPrefix = this.form.getByLabel('Number prefix');
    this.nextNumber = this.form.getByLabel('Next number');
    this.paper = this.form.getByRole('combobox', { name: 'Paper' });
    this.paymentInstructions = this.form.getByLabel('Payment instructions');
    this.issueOnCycleClose = this.form.getByLabel('Issue an invoice when a billing cycle closes');
    this.addTax = this.form.getByRole('button', { name: 'Add a tax' });
    this.saveButton = this.form.getByRole('button', { name: 'Save invoice settings' });
    this.errorSummary = this.form.getByRole('alert').filter({ hasText: 'not saved' });
  }

  async goto(): Promise<void> {
    await this.open('/settings');
    await this.page.getByRole('tab', { name: 'Invoices' }).click();
    await this.companyName.waitFor();
  }

  taxName(row: number): Locator {
    return this.form.getByLabel(`Tax ${row} name`);
  }

  taxRate(row: number): Locator {
    return this.form.getByLabel(`Tax ${row} rate`);
  }

  removeTax(row: number): Locator {
    return this.form.getByRole('button', { name: new RegExp(`^Remove tax ${row}\\b`) });
  }

  async fillCompany(company: CompanyBlock): Promise<void> {
    await this.companyName.fill(company.name);
    await this.companyAddress.fill(company.address);
    await this.companyEmail.fill(company.email);
    await this.companyPhone.fill(company.phone);
    await this.taxNumber.fill(company.taxNumber);
  }

  /** Replaces the default taxes with these rows. */
  async setTaxes(taxes: readonly { name: string; rate: string }[]): Promise<void> {
    while ((await this.form.getByRole('button', { name: /^Remove tax 1\b/ }).count()) > 0) await this.removeTax(1).click();
    for (const [index, tax] of taxes.entries()) {
      await this.addTax.click();
      await this.taxName(index + 1).fill(tax.name);
      await this.taxRate(index + 1).fill(tax.rate);
    }
  }

  async choosePaper(paper: 'A4' | 'Letter'): Promise<void> {
    await chooseOption(this.page, this.paper, new RegExp(`^${paper}`));
  }

  async chooseLogo(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.logoInput.setInputFiles(file);
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }
}
