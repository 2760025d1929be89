import { expect, expectAccessible, test } from './fixtures';
import { ClientManagePage } from './pages/ClientManagePage';
import { callApi, daysFromToday, reviewScreenshot } from './pages/ClientUi';
import { SubaccountFormPage } from './pages/SubaccountFormPage';

const PACKAGE = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' };
const PREMIUM = { name: 'Premium', markupFixed: '0.002', markupPercent: '30', pulseSeconds: 6, monthlyFee: '25', setupFee: '15' };

test('a sub account connecting a new package, refused input, then edited with its password revealed', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  const form = new SubaccountFormPage(page);
  await manage.open('/clients');
  const basic = await callApi<{ id: number }>(page, 'packages.create', PACKAGE);
  await callApi(page, 'packages.create', PREMIUM);
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.connectPackage', { clientId: alice.id, packageId: basic.id, nextBillingDate: daysFromToday(10) });
  await callApi(page, 'subaccounts.create', { username: 'taken1' });

  await manage.goto(alice.id);
  await manage.newSubaccount();
  await form.username.fill('TAKEN1');
  await form.generatePassword.uncheck();
  await form.password.fill('short');
  await form.authType('Static IP');
  await form.ip.fill('999.1.1.1');
  for (const codec of ['G.711U', 'G.729A']) await form.codec(codec).uncheck();
  await form.choose(form.connection, 'Connect a new package…');
  await form.choose(form.packageToConnect, /^Premium —/);
  await form.nextBillingDate.fill('2020-02-02');
  await form.submit();

  await expect(form.errorSummary).toBeFocused();
  await expect(form.errorFor(form.password)).toHaveText('Password: 8 to 64 characters');
  await expect(form.errorFor(form.ip)).toHaveText('Static IP authentication needs an IPv4 address');
  await expect(page.locator('.codec-order .field__error')).toHaveText('Allow at least one codec');
  await expectAccessible(page);
  await reviewScreenshot(page, 'subaccount-form-errors');

  // The schema passes; now main's own checks: the username and the billing date.
  await form.password.fill('Secret123');
  await form.ip.fill('203.0.113.10');
  await form.codec('G.722').check();
  await form.submit();
  await expect(form.errorFor(form.username)).toHaveText('The sub account TAKEN1 already exists');
  await form.username.fill('alicepbx');
  await form.submit();
  await expect(form.errorFor(form.nextBillingDate)).toHaveText(/cannot be in the past/);
  await form.nextBillingDate.fill(daysFromToday(3));
  await form.chargeSetupNow.check();
  await form.submit();

  await expect(form.created).toContainText('100000_alicepbx');
  await expect(form.created).toContainText('Premium');
  await page.getByRole('button', { name: 'Show password' }).click();
  await expect(form.shownPassword).toHaveText('Secret123');
  await page.getByRole('link', { name: 'Back to Alice Martin' }).click();
  await expect(manage.packagesCard.locator('tbody tr')).toHaveCount(2);
  await expect(manage.balance).toHaveText('-$15.00');

  await manage.subaccountsCard.getByRole('link', { name: 'Edit alicepbx' }).click();
  await expect(manage.heading).toHaveText('Edit alicepbx');
  await expect(page.getByRole('radio', { name: 'Static IP' })).toBeChecked();
  await expect(form.ip).toHaveValue('203.0.113.10');
  expect(await form.allowedCodecs()).toEqual(['G.722']);
  await expect(form.password).toHaveValue('');
  await expect(form.shownPassword).not.toContainText('Secret123');
  await page.getByRole('button', { name: 'Show password' }).click();
  await expect(form.shownPassword).toHaveText('Secret123');
  await expectAccessible(page);
  await reviewScreenshot(page, 'subaccount-edit');

  await form.description.fill('Office PBX');
  await form.choose(form.deviceType, 'Asterisk, IP PBX, gateway or VoIP switch');
  await form.codec('G.711A').check();
  await form.moveCodec('G.711A', 'up');
  await form.internationalLock.check();
  await form.submit();
  await expect(manage.toast('Sub account saved')).toBeVisible();
  await expect(manage.subaccountsCard).toContainText('Office PBX');

  await manage.subaccountsCard.getByRole('link', { name: 'Edit alicepbx' }).click();
  await expect(form.deviceType).toHaveText(/Asterisk/);
  expect(await form.allowedCodecs()).toEqual(['G.711A', 'G.722']);
  await expect(form.internationalLock).toBeChecked();
});
