import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
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
