import Database from 'better-sqlite3';
import { fillBalanceToLimit } from '../helpers/seed';
import { expect, expectAccessible, test } from './fixtures';
import { BillingSettingsPanel } from './pages/BillingSettingsPanel';
import { callApi, daysFromToday, reviewScreenshot, todayIso } from './pages/ClientUi';

const PACKAGE = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' };

test('a billing run refuses a far date, and asks before closing many missed cycles', async ({ page, appUrl, host }) => {
  await page.goto(`${appUrl}#/settings`);
  const pkg = await callApi<{ id: number }>(page, 'packages.create', PACKAGE);
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.connectPackage', { clientId: alice.id, packageId: pkg.id, nextBillingDate: todayIso() });
  await page.getByRole('tab', { name: 'Billing' }).click();
  const billing = page.getByRole('region', { name: 'Billing' });
  const date = billing.getByLabel('Bill cycles due on or before');

  // A mistyped year: refused under the field, nothing billed.
  await date.fill(daysFromToday(400));
  await billing.getByRole('button', { name: 'Run billing' }).click();
  await expect(billing.getByText(/Billing can run up to .*, a week ahead at most/)).toBeVisible();
  await expect(page.getByTestId('billing-cycles')).toHaveCount(0);

  // The app ran for months without a billing run: the package's billing date lies 5 months back.
  const database = new Database(host.databasePath);
  try {
    const due = daysFromToday(-150);
    database.prepare('update client_packages set next_billing_date = ?, billing_day = ?, cycle_start_date = ?').run(due, Number(due.slice(8)), daysFromToday(-180));
  } finally {
    database.close();
  }
  await date.fill(todayIso());
  await billing.getByRole('button', { name: 'Run billing' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Bill every missed cycle?');
  await expect(dialog).toContainText(/This run closes [56] billing cycles for Alice Martin/);
  await expect(page.getByTestId('billing-cycles')).toHaveCount(0);
  await reviewScreenshot(page, 'settings-billing-confirm');
  await dialog.getByRole('button', { name: 'Bill every missed cycle' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('billing-cycles')).toHaveText(/^[56]$/);
  const manage = await callApi<{ balance: string }>(page, 'clients.get', { id: alice.id });
  expect(['-50.000000', '-60.000000']).toContain(manage.balance);
});

test('a run that meets a client at the balance limit bills the others and says who it skipped and why', async ({ page, appUrl, host }) => {
  const billing = new BillingSettingsPanel(page, appUrl);
  await billing.goto();
  const pkg = await callApi<{ id: number }>(page, 'packages.create', PACKAGE);
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  const bob = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' });
  for (const client of [alice, bob]) await callApi(page, 'clients.connectPackage', { clientId: client.id, packageId: pkg.id, nextBillingDate: todayIso() });
  // Alice owes the most a balance may hold: her 10.00 monthly fee would take it past the limit.
  const database = new Database(host.databasePath);
  try {
    fillBalanceToLimit(database, alice.id, daysFromToday(-1));
  } finally {
    database.close();
  }

  await billing.run(todayIso());
  await expect(billing.toast('Billing run finished')).toContainText('1 billing cycle closed, 1 skipped: Alice Martin.');
  await expect(billing.cyclesClosed).toHaveText('1');
  await expect(billing.skippedCount).toHaveText('1');
  await expect(billing.skipped).toContainText('1 client package skipped');
  await expect(billing.skippedRows).toHaveCount(1);
  await expect(billing.skippedRow('Alice Martin')).toContainText("Amount: this would take Alice Martin's balance to -1000000010.000000; a balance stays within ±1,000,000,000.00");
  await expectAccessible(page);
  await reviewScreenshot(page, 'settings-billing-skipped');
  expect((await callApi<{ balance: string }>(page, 'clients.get', { id: alice.id })).balance).toBe('-1000000000.000000');
  expect((await callApi<{ balance: string }>(page, 'clients.get', { id: bob.id })).balance).toBe('-10.000000');
});
