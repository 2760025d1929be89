import { expect, expectAccessible, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ClientFormPage } from './pages/ClientFormPage';
import { ClientManagePage } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi } from './pages/ClientUi';

/** Issue 10, "a reseller's working day without surprises": what a reseller sees on first use. */

test('the client search finds "Valérie Lefèvre" from "valerie" and "LEFEVRE"', async ({ page, appUrl }) => {
  const list = new ClientsListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'clients.create', { firstName: 'Valérie', lastName: 'Lefèvre', email: 'v@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' });
  await page.reload();
  await expect(list.rows).toHaveCount(2);
  for (const search of ['valerie', 'LEFEVRE', 'Valé']) {
    await list.search.fill(search);
    await expect.poll(() => list.names()).toEqual(['Valérie Lefèvre']);
  }
});

test('a reversed charge no longer counts in "Spent this month"', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  await manage.open('/clients');
  const client = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.charge', { clientId: client.id, amount: '25', description: 'Wrong client' });
  await callApi(page, 'clients.charge', { clientId: client.id, amount: '4.5', description: 'Setup' });
  await manage.goto(client.id);
  await expect(manage.spentThisMonth).toContainText('29.5');
  await manage.ledgerRow('Wrong client').getByRole('button', { name: /^Reverse entry/ }).click();
  await manage.dialog.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(manage.toast('Entry reversed')).toBeVisible();
  await expect(manage.spentThisMonth).toContainText('4.5');
  await expect(manage.spentThisMonth).not.toContainText('29.5');
});

test('the page has an icon and asks the host for nothing that is not there (no favicon 404)', async ({ page, appUrl }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(appUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg\+xml,/);
  // Chromium asks for /favicon.ico only when the page names no icon; give it the page's load to do so.
  await page.waitForLoadState('load');
  expect(missing).toEqual([]);
});

test('the Sub accounts page lists every client’s sub accounts with package and DIDs, searches them and opens one to edit', async ({ page, appUrl }) => {
  const shell = new AppShell(page, appUrl);
  await shell.open('/');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Business', markupFixed: '0', markupPercent: '20', pulseSeconds: 6 });
  const make = async (firstName: string, lastName: string, username: string) => {
    const client = await callApi<{ id: number }>(page, 'clients.create', { firstName, lastName, email: `${username}@example.com`, balanceMode: 'soft' });
    return callApi<{ id: number; clientPackageId: number }>(page, 'subaccounts.create', { username, clientId: client.id, packageId: pkg.id, nextBillingDate: '2099-01-01', description: `${firstName}'s desk phone` });
  };
  const zoe = await make('Zoé', 'Martin', 'zoe1');
  await make('Omar', 'Haddad', 'omar1');
  await callApi(page, 'dids.add', { number: '15145550177' });
  await callApi(page, 'dids.assign', { number: '15145550177', clientPackageId: zoe.clientPackageId, minuteRate: '0.01', monthlyFee: '1' });

  await shell.navigateTo('Sub accounts');
  await expect(shell.heading).toHaveText('Sub accounts');
  const table = page.getByRole('main').getByRole('table', { name: 'Sub accounts' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const zoeRow = rows.filter({ hasText: 'zoe1' });
  await expect(zoeRow).toContainText('Zoé Martin');
  await expect(zoeRow).toContainText('Business');
  await expect(zoeRow).toContainText('+1 514 555 0177');
  await expectAccessible(page);

  const search = page.getByRole('main').getByRole('searchbox', { name: 'Search' });
  await search.fill('zoe');
  await expect(rows).toHaveCount(1);
  await search.fill('514 555 0177');
  await expect(rows).toHaveCount(1);
  await search.fill('haddad');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('omar1');
  await search.fill('');
  await zoeRow.getByRole('link', { name: 'Edit zoe1' }).click();
  await expect(shell.heading).toContainText('zoe1');
  await expect(shell.navLink('Sub accounts')).toHaveAttribute('aria-current', 'page');
});

test('a new client may take an opening payment; switching a client to HARD at a zero balance warns and asks before saving', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  const form = new ClientFormPage(page);
  await manage.open('/clients/new');
  await form.fill({ firstName: 'Hana', lastName: 'Kato', email: 'hana@example.com', balanceMode: 'hard', openingPayment: '50' });
  await form.submit();
  await expect(manage.toast('Client created')).toBeVisible();
  await expect(manage.balance).toContainText('50.00');
  await expect(manage.status).toHaveText('Active');
  await expect(manage.ledgerRow('Opening payment')).toBeVisible();

  // A SOFT client at a zero balance: switching to HARD suspends at once, so the form warns and asks.
  const soft = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Ivo', lastName: 'Novak', email: 'ivo@example.com', balanceMode: 'soft' });
  await manage.open(`/clients/${soft.id}/edit`);
  await expect(form.field('openingPayment')).toHaveCount(0);
  await form.balanceMode('hard').check();
  await expect(page.getByTestId('suspend-warning')).toContainText('suspended as soon as you save');
  await expectAccessible(page);
  await form.submit();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Suspend this client now?');
  // Cancel keeps the form, unsaved.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(manage.heading).toHaveText('Edit Ivo Novak');
  expect((await callApi<{ balanceMode: string }>(page, 'clients.get', { id: soft.id })).balanceMode).toBe('soft');
  await form.submit();
  await confirm.getByRole('button', { name: 'Save and suspend' }).click();
  await expect(manage.toast('Client saved')).toBeVisible();
  await expect(manage.status).toHaveText('Suspended');
  // Back to SOFT: no warning.
  await manage.open(`/clients/${soft.id}/edit`);
  await form.balanceMode('soft').check();
  await expect(page.getByTestId('suspend-warning')).toHaveCount(0);
});
