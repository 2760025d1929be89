import { expect, expectAccessible, test } from './fixtures';
import { ClientManagePage } from './pages/ClientManagePage';
import { callApi, daysFromToday, reviewScreenshot } from './pages/ClientUi';
import { SubaccountFormPage } from './pages/SubaccountFormPage';

const BASIC = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' };
const PREMIUM = { name: 'Premium', markupFixed: '0.002', markupPercent: '30', pulseSeconds: 6, monthlyFee: '25', setupFee: '15' };

// Guide: "If you already have a sub account created, you can modify it at Sub Accounts >> Edit Sub Account >> Manage and add a package there."
test('a sub account without a client is given one with a new package on its edit page, then unbound', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  const form = new SubaccountFormPage(page);
  await manage.open('/clients');
  const basic = await callApi<{ id: number }>(page, 'packages.create', BASIC);
  await callApi(page, 'packages.create', PREMIUM);
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.connectPackage', { clientId: alice.id, packageId: basic.id, nextBillingDate: daysFromToday(10) });
  const spare = await callApi<{ id: number; clientId: number | null }>(page, 'subaccounts.create', { username: 'spare1' });
  expect(spare.clientId).toBeNull();

  await manage.open(`/subaccounts/${spare.id}`);
  await expect(manage.heading).toHaveText('Edit spare1');
  await expect(form.client).toHaveText('No client');
  await expect(form.connection).toHaveCount(0);
  await expect(page.getByText('Not bound to a client')).toBeVisible();

  // A client with no package chosen, then a new package with none picked: main says where.
  await form.choose(form.client, 'Alice Martin');
  await expect(form.connection).toHaveText('Choose a client package…');
  await form.connection.click();
  await expect(page.getByRole('option')).toHaveText([/^Basic — next billing/, 'Connect a new package…']);
  await page.keyboard.press('Escape');
  await form.submit();
  await expect(form.errorSummary).toBeFocused();
  await expect(form.errorFor(form.connection)).toHaveText('Choose the client package for this sub account');
  await form.choose(form.connection, 'Connect a new package…');
  await form.submit();
  await expect(form.errorFor(form.packageToConnect)).toHaveText('Choose the client package for this sub account');
  await form.choose(form.packageToConnect, /^Premium —/);
  await form.nextBillingDate.fill('2020-02-02');
  await form.submit();
  await expect(form.errorFor(form.nextBillingDate)).toHaveText(/cannot be in the past/);
  await expectAccessible(page);

  // Afresh, filled in right: Alice, Premium connected now with its setup fee charged today.
  await page.reload();
  await form.choose(form.client, 'Alice Martin');
  await form.choose(form.connection, 'Connect a new package…');
  await form.choose(form.packageToConnect, /^Premium —/);
  await form.nextBillingDate.fill(daysFromToday(5));
  await form.chargeSetupNow.check();
  await expect(page.getByText('Charges the setup fee of $15.00 today')).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'subaccount-package');
  await form.submit();

  // Saved: on to the client it now belongs to, with the package connected and its setup fee charged.
  await expect(manage.heading).toHaveText('Alice Martin');
  await expect(manage.toast('Sub account saved')).toContainText('rated with “Premium”');
  await expect(manage.packagesCard.getByRole('rowheader', { name: 'Premium' })).toBeVisible();
  await expect(manage.packagesCard.locator('tbody tr')).toHaveCount(2);
  await expect(manage.subaccountsCard.getByRole('row', { name: /spare1/ })).toContainText('Premium');
  await expect(manage.ledgerRow('Setup fee: Premium')).toContainText('-$15.00');
  await expect(manage.balance).toHaveText('-$15.00');

  // An edit that leaves the reseller section alone sends only the changed field.
  await manage.subaccountsCard.getByRole('link', { name: 'Edit spare1' }).click();
  await expect(form.client).toHaveText('Alice Martin');
  await expect(form.connection).toHaveText(/^Premium — next billing/);
  await form.description.fill('Front desk');
  const request = page.waitForRequest('**/api/subaccounts.update');
  await form.submit();
  expect((await request).postDataJSON()).toEqual({ input: { id: spare.id, description: 'Front desk' } });
  await expect(manage.subaccountsCard).toContainText('Front desk');
  await expect(manage.ledgerRows.filter({ hasText: 'Setup fee' })).toHaveCount(1);

  // "No client": the sub account leaves Alice; her packages stay connected.
  await manage.subaccountsCard.getByRole('link', { name: 'Edit spare1' }).click();
  await form.choose(form.client, 'No client');
  await expect(form.connection).toHaveCount(0);
  await expect(page.getByText('Saving removes this sub account from Alice Martin')).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'subaccount-unbind');
  await form.submit();
  await expect(manage.heading).toHaveText('Alice Martin');
  await expect(manage.toast('It is not bound to a client')).toBeVisible();
  await expect(manage.subaccountsCard).not.toContainText('spare1');
  await expect(manage.subaccountsCard).toContainText('No sub account yet');
  await expect(manage.packagesCard.getByRole('rowheader', { name: 'Premium' })).toBeVisible();
  const unbound = await callApi<{ clientId: number | null; clientPackageId: number | null; description: string }>(page, 'subaccounts.get', { id: spare.id });
  expect(unbound).toMatchObject({ clientId: null, clientPackageId: null, description: 'Front desk' });
});
