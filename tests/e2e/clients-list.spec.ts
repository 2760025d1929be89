import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { ClientFormPage } from './pages/ClientFormPage';
import { ClientManagePage } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi, reviewScreenshot } from './pages/ClientUi';

/** Four clients in different states, made through the API the UI uses. */
async function seedClients(page: Page): Promise<void> {
  const create = (input: Record<string, unknown>) => callApi<{ id: number }>(page, 'clients.create', input);
  const alice = await create({ firstName: 'Alice', lastName: 'Martin', company: 'Acme', email: 'alice@acme.example', balanceMode: 'hard' });
  const bob = await create({ firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft', phone: '+1 438 555 0199' });
  await create({ firstName: 'Carla', lastName: 'Diaz', company: 'Diaz Telecom', email: 'carla@diaz.example', balanceMode: 'hard' });
  const dan = await create({ firstName: 'Dan', lastName: 'Wu', email: 'dan@example.com', balanceMode: 'soft', lowBalanceThreshold: '20' });
  await callApi(page, 'clients.payment', { clientId: alice.id, amount: '120.50' });
  await callApi(page, 'clients.charge', { clientId: bob.id, amount: '42.1234' });
  await callApi(page, 'clients.payment', { clientId: dan.id, amount: '12' });
}

test('the client list searches, sorts and filters, and negative balances stand out', async ({ page, appUrl }) => {
  const list = new ClientsListPage(page, appUrl);
  await list.goto();
  await seedClients(page);
  await page.reload();

  await expect(list.rows).toHaveCount(4);
  expect(await list.names()).toEqual(['Carla Diaz (Diaz Telecom)', 'Alice Martin (Acme)', 'Bob Stone', 'Dan Wu']);
  await expect(list.columnHeader('Client')).toHaveAttribute('aria-sort', 'ascending');
  const bobBalance = await list.cell('Bob Stone', 'Balance');
  await expect(bobBalance).toHaveText('-$42.12');
  await expect(bobBalance.locator('.amount--negative')).toHaveText('-$42.12');
  await expect(await list.cell('Alice Martin (Acme)', 'Balance')).toHaveText('$120.50');
  await expect(await list.cell('Dan Wu', 'Balance')).toContainText('Low');
  await expect(await list.cell('Carla Diaz (Diaz Telecom)', 'Status')).toHaveText('Suspended');
  await expect(await list.cell('Bob Stone', 'Status')).toHaveText('Active');
  await expect(await list.cell('Bob Stone', 'Mode')).toHaveText('SOFT');
  await expectAccessible(page);
  await reviewScreenshot(page, 'clients');

  await list.sortButton('Balance').click();
  await expect(list.columnHeader('Balance')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => list.names()).toEqual(['Bob Stone', 'Carla Diaz (Diaz Telecom)', 'Dan Wu', 'Alice Martin (Acme)']);
  await list.sortButton('Balance').click();
  await expect(list.columnHeader('Balance')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => list.names()).toEqual(['Alice Martin (Acme)', 'Dan Wu', 'Carla Diaz (Diaz Telecom)', 'Bob Stone']);
  await list.sortButton('Created').click();
  await expect.poll(() => list.names()).toEqual(['Alice Martin (Acme)', 'Bob Stone', 'Carla Diaz (Diaz Telecom)', 'Dan Wu']);

  await list.search.fill('acme');
  await expect.poll(() => list.names()).toEqual(['Alice Martin (Acme)']);
  await list.search.fill('438 555');
  await expect.poll(() => list.names()).toEqual(['Bob Stone']);
  await list.search.fill('nobody');
  await expect(list.page.getByRole('status').filter({ hasText: 'No client matches' })).toBeVisible();
  await list.search.fill('');

  await list.filterByStatus('Suspended');
  await expect.poll(() => list.names()).toEqual(['Carla Diaz (Diaz Telecom)']);
  await list.filterByStatus(/^Open/);
  await list.negativeOnly.check();
  await expect.poll(() => list.names()).toEqual(['Bob Stone']);
  await expectAccessible(page);
});

test('editing a client keeps its data and switching to HARD suspends a negative balance', async ({ page, appUrl }) => {
  const list = new ClientsListPage(page, appUrl);
  const form = new ClientFormPage(page);
  const manage = new ClientManagePage(page, appUrl);
  await list.goto();
  await seedClients(page);
  await page.reload();

  await list.row('Bob Stone').getByRole('link', { name: 'Edit Bob Stone' }).click();
  await expect(list.heading).toHaveText('Edit Bob Stone');
  await expect(form.field('email')).toHaveValue('bob@example.com');
  await expect(form.field('phone')).toHaveValue('+1 438 555 0199');
  await expect(form.balanceMode('soft')).toBeChecked();
  await expectAccessible(page);
  await form.fill({ company: 'Stone & Sons', lowBalanceThreshold: 'abc' });
  await form.submit();
  // main's union schema for this field answers a generic "Invalid input" (reported to the backend).
  await expect(form.errorFor(form.field('lowBalanceThreshold'))).not.toBeEmpty();
  await expect(form.field('lowBalanceThreshold')).toHaveAttribute('aria-invalid', 'true');

  await form.fill({ lowBalanceThreshold: '5.50', balanceMode: 'hard' });
  await form.submit();
  // A negative balance under HARD suspends at once: the form asks first.
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Suspend this client now?');
  await confirm.getByRole('button', { name: 'Save and suspend' }).click();
  await expect(manage.heading).toHaveText('Bob Stone (Stone & Sons)');
  await expect(manage.toast('Client saved')).toBeVisible();
  await expect(manage.status).toHaveText('Suspended');
  await expect(manage.balance).toHaveText('-$42.12');
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(form.field('lowBalanceThreshold')).toHaveValue('5.50');
  await expect(form.balanceMode('hard')).toBeChecked();
});
