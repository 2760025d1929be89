import type { Locator, Page } from '@playwright/test';
import { fieldErrorOf } from './ClientUi';

export interface ClientFields {
  firstName?: string;
  lastName?: string;
  company?: string;
  email?: string;
  phone?: string;
  street?: string;
  city?: string;
  state?: string;
  country?: string;
  postalCode?: string;
  balanceMode?: 'soft' | 'hard';
  lowBalanceThreshold?: string;
  lowBalanceEmail?: string;
  notes?: string;
  openingPayment?: string;
}

const LABELS: Record<Exclude<keyof ClientFields, 'balanceMode'>, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  email: 'E-mail',
  phone: 'Phone',
  street: 'Street',
  city: 'City',
  state: 'State / province',
  country: 'Country',
  postalCode: 'Postal code',
  lowBalanceThreshold: 'Low-balance threshold',
  lowBalanceEmail: 'Notification e-mail',
  notes: 'Notes',
  openingPayment: 'Opening payment',
};

/** "New client" and "Edit …": the same form. */
export class ClientFormPage {
  readonly submitButton: Locator;
  readonly errorSummary: Locator;

  constructor(readonly page: Page) {
    this.submitButton = page.getByRole('button', { name: /^(Create client|Save changes)$/ });
    this.errorSummary = page.getByRole('alert').filter({ hasText: 'The client was not saved' });
  }

  field(name: Exclude<keyof ClientFields, 'balanceMode'>): Locator {
    return this.page.getByRole('textbox', { name: LABELS[name], exact: true });
  }

  balanceMode(mode: 'soft' | 'hard'): Locator {
    return this.page.getByRole('radio', { name: mode === 'hard' ? /HARD balance/ : /SOFT balance/ });
  }

  async fill(fields: ClientFields): Promise<void> {
    for (const [name, value] of Object.entries(fields) as [keyof ClientFields, string][]) {
      if (name === 'balanceMode') await this.balanceMode(value as 'soft' | 'hard').check();
      else await this.field(name).fill(value);
    }
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  errorFor(control: Locator): Locator {
    return fieldErrorOf(control);
  }
}
