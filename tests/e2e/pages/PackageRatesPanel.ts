import type { Locator, Page } from '@playwright/test';

export type RateScope = 'USA' | 'Canada' | 'Country' | 'Calling code';

export interface CustomRateFields {
  scope: RateScope;
  /** A calling code, or what to type in the country picker. */
  value?: string;
  rate: string;
  freeZone?: boolean;
  description?: string;
}

/** The package editor's Edit rates tab: the custom rates table. */
export class PackageRatesPanel {
  readonly table: Locator;
  readonly rows: Locator;
  readonly addButton: Locator;
  readonly saveButton: Locator;
  readonly errorSummary: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    const panel = page.getByRole('tabpanel', { name: /^Edit rates/ });
    this.table = panel.getByRole('table');
    this.rows = this.table.locator('tbody tr');
    this.addButton = panel.getByRole('button', { name: 'Add rate' });
    this.saveButton = panel.getByRole('button', { name: 'Save rates' });
    this.errorSummary = panel.getByRole('alert').filter({ hasText: 'The custom rates were not saved' });
    this.emptyState = panel.getByRole('heading', { name: 'No custom rates' });
  }

  row(position: number): Locator {
    return this.rows.nth(position - 1);
  }

  scopeSelect(position: number): Locator {
    return this.page.getByRole('combobox', { name: `Destination type, row ${position}` });
  }

  valueInput(position: number, scope: RateScope): Locator {
    const label = scope === 'Country' ? 'Country' : 'Calling code';
    return this.page.getByRole(scope === 'Country' ? 'combobox' : 'textbox', { name: `${label}, row ${position}` });
  }

  rateInput(position: number): Locator {
    return this.page.getByRole('textbox', { name: `Rate per minute, row ${position}` });
  }

  freeZone(position: number): Locator {
    return this.page.getByRole('checkbox', { name: `Free zone, row ${position}` });
  }

  /** The saved rate's label under its destination, e.g. "+447 (United Kingdom)". */
  savedLabel(position: number): Locator {
    return this.row(position).locator('.rates-table__label');
  }

  rowErrors(position: number): Locator {
    return this.row(position).locator('.field__error');
  }

  async add(fields: CustomRateFields): Promise<void> {
    await this.addButton.click();
    const position = await this.rows.count();
    await this.fillRow(position, fields);
  }

  async fillRow(position: number, fields: CustomRateFields): Promise<void> {
    await this.scopeSelect(position).click();
    await this.page.getByRole('option', { name: fields.scope, exact: true }).click();
    if (fields.value !== undefined) await this.valueInput(position, fields.scope).fill(fields.value);
    await this.rateInput(position).fill(fields.rate);
    await this.freeZone(position).setChecked(fields.freeZone ?? false);
    if (fields.description !== undefined) {
      await this.page.getByRole('textbox', { name: `Description, row ${position}` }).fill(fields.description);
    }
  }

  async remove(position: number): Promise<void> {
    await this.page.getByRole('button', { name: `Remove row ${position}` }).click();
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }
}
