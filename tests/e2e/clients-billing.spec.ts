import { expect, expectAccessible, test } from './fixtures';
import { ClientManagePage } from './pages/ClientManagePage';
import { callApi, reviewScreenshot, todayIso } from './pages/ClientUi';

const PACKAGE = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' };

test('a mistaken payment is reversed after confirmation; billing runs from Settings; the dashboard lists notices', async ({ page, appUrl, dashboard }) => {
  const manage = new ClientManagePage(page, appUrl);
  await manage.open('/clients');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', PACKAGE);
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'hard' });
  await callApi(page, 'clients.payment', { clientId: alice.id, amount: '100', description: 'Wire transfer' });
  // Billing today is allowed (the date is not in the past) and makes the cycle due at once.
  const [connection] = await callApi<{ id: number }[]>(page, 'clients.connectPackage', { clientId: alice.id, packageId: pkg.id, nextBillingDate: todayIso() });
  await callApi(page, 'dids.add', { number: '15145550101' });
  await callApi(page, 'dids.assign', { number: '15145550101', clientPackageId: connection!.id, minuteRate: '0.01', monthlyFee: '2.5' });

  await manage.goto(alice.id);
  await expect(manage.balance).toHaveText('$100.00');
  await expect(manage.packagesCard).toContainText('Due on first billing');
  const payment = manage.ledgerRow('Wire transfer');
  await payment.getByRole('button', { name: /^Reverse entry/ }).click();
  await expect(manage.dialog).toContainText('payment of $100.00');
  await expectAccessible(page);
  await manage.dialogField('Reason').fill('typed twice');
  await manage.dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(manage.toast('Entry reversed')).toBeVisible();
  await expect(manage.balance).toHaveText('$0.00');
  await expect(manage.status).toHaveText('Suspended');
  await expect(manage.ledgerRows.first()).toContainText('Reversal');
  await expect(manage.ledgerRows.first()).toContainText('-$100.00');
  await expect(payment).toContainText(/Reversed by entry #\d+/);
  await expect(manage.ledgerCard.getByRole('button', { name: /^Reverse entry/ })).toHaveCount(0);
  await manage.moveMoney('Payment', '100');
  await expect(manage.balance).toHaveText('$100.00');

  await manage.open('/settings');
  await page.getByRole('tab', { name: 'Billing' }).click();
  const billing = page.getByRole('region', { name: 'Billing' });
  await expect(billing).toContainText('runs by itself every time the app starts');
  await expect(billing.getByLabel('Bill cycles due on or before')).toHaveValue(todayIso());
  await billing.getByRole('button', { name: 'Run billing' }).click();
  await expect(page.getByTestId('billing-cycles')).toHaveText('1');
  await expect(page.getByTestId('billing-entries')).toHaveText('3');
  // Setup fee 5 + monthly fee 10 + DID monthly fee 2.50.
  await expect(billing.locator('.details__row').filter({ hasText: 'Amount charged' })).toContainText('$17.50');
  await expectAccessible(page);
  await reviewScreenshot(page, 'settings-billing');
  await billing.getByRole('button', { name: 'Run billing' }).click();
  await expect(page.getByTestId('billing-entries')).toHaveText('0');

  await manage.goto(alice.id);
  await expect(manage.balance).toHaveText('$82.50');
  await expect(manage.ledgerRow('Monthly fee: Basic')).toContainText('-$10.00');
  await expect(manage.packagesCard).toContainText('None due');

  await dashboard.goto();
  const notices = page.getByRole('region', { name: 'Recent notices' });
  await expect(notices.getByRole('listitem').first()).toContainText('Reactivated');
  await expect(notices).toContainText('Alice Martin is suspended');
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-notices');
  await notices.getByRole('link').first().click();
  await expect(manage.heading).toHaveText('Alice Martin');
});
