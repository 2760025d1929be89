import type { Locator, Page } from '@playwright/test';

export type RouteName = 'Value' | 'Premium';

export interface PackageFields {
  // General
  name?: string;
  markupFixed?: string;
  markupPercent?: string;
  /** A preset (1, 6, 30, 60) or any other text typed under "Other…". */
  pulse?: number | string;
  canadaRoute?: RouteName;
  internationalRoute?: RouteName;
  freeOnNet?: boolean;
  // Fees
  monthlyFee?: string;
  setupFee?: string;
  // Free minutes
  freeMinutes?: string;
  // System configuration (labels as shown)
  userCanEditSubaccount?: boolean;
  editableFields?: readonly string[];
  configurationType?: 'Default configuration' | 'Package configuration';
  viewSetting?: 'Simple view' | 'Standard view';
  services?: readonly string[];
}

const PRESET_PULSES = new Set(['1', '6', '30', '60']);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "New package" and "Edit …": the tabbed package editor (General, Fees, Free minutes, System configuration, Edit rates). */
export class PackageFormPage {
  readonly name: Locator;
  readonly markupFixed: Locator;
  readonly markupPercent: Locator;
  readonly pulseSelect: Locator;
  readonly customPulse: Locator;
  readonly freeOnNet: Locator;
  readonly monthlyFee: Locator;
  readonly setupFee: Locator;
  readonly freeMinutes: Locator;
  readonly userCanEditSubaccount: Locator;
  readonly editableFields: Locator;
  readonly services: Locator;
  readonly submitButton: Locator;
  readonly errorSummary: Locator;
  readonly sellRateExample: Locator;
  readonly exportPriceListButton: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.markupFixed = page.getByLabel('Fixed markup', { exact: true });
    this.markupPercent = page.getByLabel('Percent markup', { exact: true });
    this.pulseSelect = page.getByRole('combobox', { name: 'Pulse' });
    this.customPulse = page.getByLabel('Pulse in seconds');
    this.freeOnNet = page.getByRole('checkbox', { name: 'VoIP.ms to VoIP.ms calls are free' });
    this.monthlyFee = page.getByLabel('Monthly fee', { exact: true });
    this.setupFee = page.getByLabel('Setup fee', { exact: true });
    this.freeMinutes = page.getByLabel('Free minutes per billing cycle');
    this.userCanEditSubaccount = page.getByRole('checkbox', { name: 'User can edit sub account' });
    this.editableFields = page.getByRole('group', { name: 'Fields the client can edit' });
    this.services = page.getByRole('group', { name: 'Services available to clients of this package' });
    this.submitButton = page.getByRole('button', { name: /^(Create package|Save changes)$/ });
    this.errorSummary = page.getByRole('alert').filter({ hasText: 'The package was not saved' });
    this.sellRateExample = page.locator('.formula__live');
    this.exportPriceListButton = page.getByRole('button', { name: 'Export price list' });
  }

  /** A tab by its label; its accessible name may add "(1 error)". */
  tab(label: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${escapeRegExp(label)}`) });
  }

  async openTab(label: string): Promise<void> {
    await this.tab(label).click();
  }

  routeChoice(group: 'Canada route' | 'International route', route: RouteName): Locator {
    return this.page.getByRole('group', { name: group }).getByRole('radio', { name: route, exact: true });
  }

  choice(group: 'Type of configuration' | 'View setting', label: string): Locator {
    return this.page.getByRole('group', { name: group }).getByRole('radio', { name: label, exact: true });
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

  /** Fills what is given, opening each field's tab first. */
  async fill(fields: PackageFields): Promise<void> {
    const general = [fields.name, fields.markupFixed, fields.markupPercent, fields.pulse, fields.canadaRoute, fields.internationalRoute, fields.freeOnNet];
    if (general.some((value) => value !== undefined)) await this.openTab('General');
    if (fields.name !== undefined) await this.name.fill(fields.name);
    if (fields.markupFixed !== undefined) await this.markupFixed.fill(fields.markupFixed);
    if (fields.markupPercent !== undefined) await this.markupPercent.fill(fields.markupPercent);
    if (fields.pulse !== undefined) await this.choosePulse(fields.pulse);
    if (fields.canadaRoute) await this.routeChoice('Canada route', fields.canadaRoute).check();
    if (fields.internationalRoute) await this.routeChoice('International route', fields.internationalRoute).check();
    if (fields.freeOnNet !== undefined) await this.freeOnNet.setChecked(fields.freeOnNet);

    if (fields.monthlyFee !== undefined || fields.setupFee !== undefined) await this.openTab('Fees');
    if (fields.monthlyFee !== undefined) await this.monthlyFee.fill(fields.monthlyFee);
    if (fields.setupFee !== undefined) await this.setupFee.fill(fields.setupFee);

    if (fields.freeMinutes !== undefined) {
      await this.openTab('Free minutes');
      await this.freeMinutes.fill(fields.freeMinutes);
    }
    await this.fillSystemConfiguration(fields);
  }

  private async fillSystemConfiguration(fields: PackageFields): Promise<void> {
    const system = [fields.userCanEditSubaccount, fields.editableFields, fields.configurationType, fields.viewSetting, fields.services];
    if (system.every((value) => value === undefined)) return;
    await this.openTab('System configuration');
    if (fields.userCanEditSubaccount !== undefined) await this.userCanEditSubaccount.setChecked(fields.userCanEditSubaccount);
    if (fields.editableFields) await this.selectOnly(this.editableFields, fields.editableFields);
    if (fields.configurationType) await this.choice('Type of configuration', fields.configurationType).check();
    if (fields.viewSetting) await this.choice('View setting', fields.viewSetting).check();
    if (fields.services) await this.selectOnly(this.services, fields.services);
  }

  /** Ticks exactly `labels` in a checkbox group. */
  async selectOnly(group: Locator, labels: readonly string[]): Promise<void> {
    for (const box of await group.getByRole('checkbox').all()) {
      const label = (await box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '')).trim();
      await box.setChecked(labels.includes(label));
    }
  }

  async checkedLabels(group: Locator): Promise<string[]> {
    const labels: string[] = [];
    for (const box of await group.getByRole('checkbox').all()) {
      if (await box.isChecked()) labels.push((await box.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '')).trim());
    }
    return labels;
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  /** The error text shown under a control (via its aria-describedby). */
  errorFor(control: Locator): Locator {
    return this.page.locator('.field, .checkbox-field, .option-group, .checkbox-group').filter({ has: control }).locator('.field__error');
  }

  /** An entry of the error summary, a button that opens the field's tab and focuses it. */
  summaryLink(text: string | RegExp): Locator {
    return this.errorSummary.getByRole('button', { name: text });
  }
}
