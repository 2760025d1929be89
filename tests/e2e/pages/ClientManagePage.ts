import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';
import { chooseOption, fieldErrorOf } from './ClientUi';

/** One line of the ledger as the page shows it. */
export interface LedgerLine {
  date: string;
  kind: string;
  description: string;
  amount: string;
  balance: string;
}

export interface DidAssignment {
  number: string;
  minuteRate: string;
  monthlyFee: string;
  setupFee?: string;
  /** Only needed when the client has more than one package. */
  packageName?: string;
}

/** A client's Manage page: balance panel, packages, DIDs, sub accounts, ledger, delete. */
export class ClientManagePage extends AppShell {
  readonly balance: Locator;
  readonly spentThisMonth: Locator;
  readonly status: Locator;
  readonly packagesCard: Locator;
  readonly didsCard: Locator;
  readonly subaccountsCard: Locator;
  readonly ledgerCard: Locator;
  readonly ledgerRows: Locator;
  readonly ledgerCount: Locator;
  readonly ledgerKind: Locator;
  readonly ledgerFrom: Locator;
  readonly ledgerTo: Locator;
  readonly ledgerClearFilters: Locator;
  readonly exportLedgerButton: Locator;
  readonly noticesCard: Locator;
  /** The open form dialog (payment, charge, connect, assign, reverse). */
  readonly dialog: Locator;
  /** The open confirmation (unconnect, unassign, delete). */
  readonly confirmDialog: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    const main = page.getByRole('main');
    this.balance = page.getByTestId('client-balance');
    this.spentThisMonth = page.getByTestId('client-spent-this-month');
    this.status = page.getByTestId('client-status');
    this.packagesCard = main.getByRole('region', { name: 'Packages' });
    this.didsCard = main.getByRole('region', { name: 'DIDs' });
    this.subaccountsCard = main.getByRole('region', { name: 'Sub accounts' });
    // Exact: the ledger's scrolling table is a region of its own, "Ledger, by date, newest first".
    this.ledgerCard = main.getByRole('region', { name: 'Ledger', exact: true });
    this.ledgerRows = this.ledgerCard.locator('tbody tr[data-entry-id]');
    this.ledgerCount = this.ledgerCard.getByRole('status');
    this.ledgerKind = this.ledgerCard.getByRole('combobox', { name: 'Kind' });
    this.ledgerFrom = this.ledgerCard.getByLabel('From', { exact: true });
    this.ledgerTo = this.ledgerCard.getByLabel('To', { exact: true });
    this.ledgerClearFilters = this.ledgerCard.getByRole('button', { name: 'Clear filters' });
    this.exportLedgerButton = this.ledgerCard.getByRole('button', { name: 'Export CSV' });
    this.noticesCard = main.getByRole('region', { name: 'Notices' });
    this.dialog = page.getByRole('dialog');
    this.confirmDialog = page.getByRole('alertdialog');
  }

  async goto(clientId: number): Promise<void> {
    await this.open(`/clients/${clientId}`);
  }

  dialogField(label: string): Locator {
    return this.dialog.getByLabel(label, { exact: true });
  }

  dialogError(control: Locator): Locator {
    return fieldErrorOf(control);
  }

  /** Opens Payment or Charge and submits an amount typed as text. */
  async moveMoney(kind: 'Payment' | 'Charge', amount: string, description = ''): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: kind, exact: true }).click();
    await this.dialogField('Amount').fill(amount);
    if (description) await this.dialogField('Description').fill(description);
    await this.dialog.getByRole('button', { name: `Add ${kind.toLowerCase()}` }).click();
  }

  async connectPackage(packageName: string, options: { nextBillingDate?: string; chargeSetupNow?: boolean } = {}): Promise<void> {
    await this.packagesCard.getByRole('button', { name: 'Connect package' }).click();
    await chooseOption(this.page, this.dialog.getByRole('combobox', { name: 'Package' }), new RegExp(`^${packageName} —`));
    if (options.nextBillingDate) await this.dialog.getByLabel('Next billing date').fill(options.nextBillingDate);
    if (options.chargeSetupNow) await this.dialog.getByRole('checkbox', { name: /Charge setup fee now/ }).check();
    await this.dialog.getByRole('button', { name: 'Connect package' }).click();
  }

  async assignDid(assignment: DidAssignment): Promise<void> {
    await this.didsCard.getByRole('button', { name: 'Assign DID' }).click();
    await this.dialogField('Phone number').fill(assignment.number);
    if (assignment.packageName) {
      await chooseOption(this.page, this.dialog.getByRole('combobox', { name: 'Client package' }), assignment.packageName);
    }
    await this.dialogField('Per-minute rate').fill(assignment.minuteRate);
    await this.dialogField('Monthly fee').fill(assignment.monthlyFee);
    if (assignment.setupFee) await this.dialogField('Setup fee').fill(assignment.setupFee);
    await this.dialog.getByRole('button', { name: 'Assign DID' }).click();
  }

  /** Clicks a row action, then the confirm button of the confirmation that opens. */
  async confirmAction(card: Locator, action: string, confirmLabel: string): Promise<void> {
    await card.getByRole('button', { name: action }).click();
    await this.confirmDialog.getByRole('button', { name: confirmLabel }).click();
  }

  async deleteClient(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Delete client' }).click();
    await this.confirmDialog.getByRole('button', { name: 'Delete client' }).click();
  }

  ledgerRow(description: string | RegExp): Locator {
    return this.ledgerRows.filter({ hasText: description });
  }

  /** The ledger lines rendered, top to bottom (a short ledger renders every line). */
  async ledgerLines(): Promise<LedgerLine[]> {
    const rows = await this.ledgerRows.evaluateAll((elements) =>
      elements.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim())),
    );
    return rows.map(([date = '', kind = '', description = '', amount = '', balance = '']) => ({ date, kind, description, amount, balance }));
  }

  async filterLedgerByKind(label: 'All kinds' | 'Payments' | 'Charges' | 'Fees' | 'Calls' | 'Reversals'): Promise<void> {
    await chooseOption(this.page, this.ledgerKind, label);
  }

  async newSubaccount(): Promise<void> {
    await this.subaccountsCard.getByRole('link', { name: 'New sub account' }).click();
  }
}
