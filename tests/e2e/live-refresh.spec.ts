import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ClientFormPage } from './pages/ClientFormPage';
import { ClientManagePage } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi } from './pages/ClientUi';
import { CallListPage } from './pages/CallsPages';
import { DidsPage } from './pages/DidsPage';

test('a change made in another window shows on an open page without reloading it', async ({ page, appUrl, context }) => {
  const dids = new DidsPage(page, appUrl);
  await dids.goto();
  await expect(dids.emptyState).toBeVisible();
  // A marker that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));

  const elsewhere = await context.newPage();
  await elsewhere.goto(appUrl);
  await callApi(elsewhere, 'dids.add', { number: '+15145550199', description: 'Added elsewhere' });

  await expect(dids.row('+1 514 555 0199')).toContainText('Added elsewhere');
  expect(await page.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  await elsewhere.close();
});

test('money moved in another window shows on the open client list and Manage page, and the list keeps its search', async ({ page, appUrl, context }) => {
  const list = new ClientsListPage(page, appUrl);
  const manage = new ClientManagePage(page, appUrl);
  await list.goto();
  await expect(list.emptyState).toBeVisible();
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' });
  // The clients were made behind the page's back; the list hears of them like of any other change.
  await expect(list.rows).toHaveCount(2);
  await list.search.fill('alice');
  await expect.poll(() => list.names()).toEqual(['Alice Martin']);
  // A marker that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));

  const elsewhere = await context.newPage();
  await elsewhere.goto(appUrl);
  await callApi(elsewhere, 'clients.payment', { clientId: alice.id, amount: '25', description: 'Paid elsewhere' });
  await expect(await list.cell('Alice Martin', 'Balance')).toHaveText('$25.00');

  await list.row('Alice Martin').getByRole('link', { name: 'Alice Martin', exact: true }).click();
  await expect(manage.heading).toHaveText('Alice Martin');
  await expect(manage.ledgerRow('Paid elsewhere')).toContainText('$25.00');
  await callApi(elsewhere, 'clients.charge', { clientId: alice.id, amount: '5', description: 'Charged elsewhere' });
  await expect(manage.balance).toHaveText('$20.00');
  await expect(manage.ledgerRow('Charged elsewhere')).toContainText('-$5.00');

  // Back to the list: its search is the window's own state and is still there.
  await page.getByRole('main').getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(list.search).toHaveValue('alice');
  await expect.poll(() => list.names()).toEqual(['Alice Martin']);
  await expect(await list.cell('Alice Martin', 'Balance')).toHaveText('$20.00');
  expect(await page.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  await elsewhere.close();
});

test('an edit form opened again starts from what main has now, not from an earlier visit', async ({ page, appUrl, context }) => {
  const manage = new ClientManagePage(page, appUrl);
  const form = new ClientFormPage(page);
  const alice = await openAppWithAlice(page, appUrl);
  await manage.goto(alice.id);
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(form.field('phone')).toHaveValue('+1 514 555 0100');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(manage.heading).toHaveText('Alice Martin');

  const elsewhere = await context.newPage();
  await elsewhere.goto(appUrl);
  await callApi(elsewhere, 'clients.update', { id: alice.id, phone: '+1 438 555 0199' });
  await elsewhere.close();

  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(form.field('phone')).toHaveValue('+1 438 555 0199');
});

/** Opens the app and makes one client through the API. */
async function openAppWithAlice(page: Page, appUrl: string): Promise<{ id: number }> {
  await page.goto(appUrl);
  return callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', phone: '+1 514 555 0100', balanceMode: 'soft' });
}

test('calls loaded in another window show in an open Global CDR without reloading it', async ({ page, appUrl, context }) => {
  test.setTimeout(120_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await expect(list.emptyState).toBeVisible();
  await page.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));

  const elsewhere = await context.newPage();
  await elsewhere.goto(appUrl);
  await callApi(elsewhere, 'demo.load', { clients: 3, cdrs: 300 });

  // main's 'data.changed' refreshes the list: the count, the first page, and the pages after it.
  await expect(list.count).toHaveText('300 calls');
  await expect(list.pagePlace).toHaveText('Calls 1–200 of 300');
  await list.scrollToEnd();
  await expect(list.rowAt(199)).toHaveAttribute('data-call-id', /./);
  await list.nextPage.click();
  await expect(list.pagePlace).toHaveText('Calls 201–300 of 300');
  await list.scrollToEnd();
  await expect(list.rowAt(99)).toHaveAttribute('data-call-id', /./);
  expect(await page.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  await elsewhere.close();
});
