import type { Locator, Page } from '@playwright/test';

export interface PackageFields {
  name?: string;
  markupFixed?: string;
  markupPercent?: string;
  /** A preset (1, 6, 30, 60) or any other text typed under "Other…". */
  pulse?: number | string;
}

const PRESET_PULSES = new Set(['1', '6', '30', '60']);

/** "New package" and "Edit …": the same form. */
export class PackageFormPage {
  readonly name: Locator;
  readonly markupFixed: Locator;
  readonly markupPercent: Locator;
  readonly pulseSelect: Locator;
  readonly customPulse: Locator;
  readonly submitButton: Locator;
  readonly errorSummary: Locator;
  readonly sellRateExample: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.markupFixed = page.getByLabel('Fixed markup', { exact: true });
    this.markupPercent = page.getByLabel('Percent markup', { exact: true });
    this.pulseSelect = page.getByRole('combobox', { name: 'Pulse' });
    this.customPulse = page.getByLabel('Pulse in seconds');
    this.submitButton = page.getByRole('button', { name: /^(Create package|Save changes)$/ });
    this.errorSummary = page.getByRole('alert').filter({ hasText: 'The package was not saved' });
    this.sellRateExample = page.locator('.formula__live');
  }

  async choosePulse(pulse: number | string): Promise<void> {
    const text = String(pulse);
    await this.pulseSelect.click();
    if (PRESET_PULSES.has(text)) {
      await this.page.getByRole('option', { name: new RegExp(`^${text} s\\b`) }).click();
      return;
    }
    await this.page.getByRole('option', { name: 'Other…' }).click();
    await this.customPulse.fill(text);
  }

  async fill(fields: PackageFields): Promise<void> {
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.markupFixed !== undefined) await this.markupFixed.fill(fields.markupFixed);
    if (fields.markupPercent !== undefined) await this.markupPercent.fill(fields.markupPercent);
    if (fields.pulse !== undefined) await this.choosePulse(fields.pulse);
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** The error text shown under a control (via its aria-describedby). */
  errorFor(control: Locator): Locator {
    return this.page.locator('.field').filter({ has: control }).locator('.field__error');
  }
}
