import { expect, expectAccessible, test } from './fixtures';
import { CallListPage } from './pages/CallsPages';
import { callApi } from './pages/ClientUi';

test('the Global CDR pages in as it scrolls and filters by client, date range and status', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await expect(list.emptyState).toBeVisible();
  await expectAccessible(page);
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');

  // Rows far down are read when they scroll into view, a page of 200 at a time.
  await list.scrollRegion.evaluate((box) => box.scrollTo({ top: 53 * 900 }));
  await expect(list.table.locator('tbody tr[aria-rowindex="902"][data-call-id]')).toBeAttached();
  expect(await list.rows.count()).toBeLessThan(80);

  const firstDate = (await list.rows.first().locator('td').first().locator('.call-cell__main').innerText()).trim();
  await list.scrollRegion.evaluate((box) => box.scrollTo({ top: 0 }));
  await list.from.fill(firstDate);
  await list.to.fill(firstDate);
  await expect(list.count).not.toHaveText('1,500 calls');
  const dates = await list.rows.locator('td:first-child .call-cell__main').allInnerTexts();
  expect(dates.length).toBeGreaterThan(0);
  expect(new Set(dates)).toEqual(new Set([firstDate]));
  await list.clearFilters.click();
  await expect(list.count).toHaveText('1,500 calls');

  await list.clientFilter.click();
  const option = page.getByRole('option').nth(1);
  const client = (await option.innerText()).trim();
  await option.click();
  await expect(list.count).not.toHaveText('1,500 calls');
  const clients = await list.rows.locator('td:nth-child(2) .call-cell__sub').allInnerTexts();
  expect(new Set(clients)).toEqual(new Set([client]));

  await list.filterByStatus('Rated');
  await expect(list.rows.first()).not.toContainText('Unrated');
  await expectAccessible(page);
});
