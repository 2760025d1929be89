import type { Locator, Page } from '@playwright/test';

/** Issue 12: balances here against the provider's, one card per client that differs. */
export class ReconciliationPage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly compareAgain: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Reconciliation' });
    this.summary = page.getByRole('status').filter({ hasText: /^Compared / });
    this.compareAgain = page.getByRole('button', { name: 'Compare again' });
  }

  /** The card of a client whose balance differs. */
  client(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  detail(client: Locator, term: string): Locator {
    return client.locator('.details__row').filter({ has: this.page.locator('dt', { hasText: term }) }).locator('dd');
  }

  /** A day of calls that differ, in a client's card: its cells in order. */
  day(client: Locator, day: string): Locator {
    return client.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: day }) }).getByRole('cell');
  }
}

/** Issue 12: the package page's card for the provider's package it is linked to. */
export class ProviderPackagePanel {
  readonly card: Locator;
  readonly differs: Locator;
  readonly same: Locator;
  readonly linkSelect: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByRole('region', { name: 'Provider package' });
    this.differs = this.card.getByRole('region', { name: 'Differs from provider' });
    this.same = this.card.getByRole('status').filter({ hasText: 'Same terms as the provider' });
    this.linkSelect = this.card.getByRole('combobox', { name: "Linked to the provider's package" });
  }

  /** Links the package to another of the provider's packages ("Not linked" unlinks it). */
  async linkTo(choice: string): Promise<void> {
    await this.linkSelect.click();
    await this.page.getByRole('option', { name: choice, exact: true }).click();
  }

  /** A row of the differences: label cell, here, at the provider. */
  difference(field: string): Locator {
    return this.differs.getByRole('row').filter({ has: this.page.locator('code', { hasText: new RegExp(`^${field}$`) }) });
  }
}
