import { expect, expectAccessible, test } from './fixtures';
import { CallListPage } from './pages/CallsPages';
import { callApi, chooseOption } from './pages/ClientUi';

test('the Global CDR scrolls a page of 200 and filters by client, date range, status, direction, call type and search', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await expect(list.emptyState).toBeVisible();
  await expectAccessible(page);
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');

  // A page of 200 is virtualised: rows far down are drawn when they scroll into view.
  await list.scrollRegion.evaluate((box) => box.scrollTo({ top: 53 * 180 }));
  await expect(list.table.locator('tbody tr[aria-rowindex="182"][data-call-id]')).toBeAttached();
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
  await list.clearFilters.click();

  await chooseOption(page, list.directionFilter, 'Inbound');
  await expect(list.count).not.toHaveText('1,500 calls');
  expect(await list.rows.locator('.call-direction--outbound').count()).toBe(0);
  await list.filterByType('Busy');
  await expect(list.rows.first()).toBeVisible();
  expect(new Set(await list.rows.locator('td:nth-child(6)').allInnerTexts())).toEqual(new Set(['Busy']));
  // Simple View (the guide): no call type filter; choosing it clears the call type.
  await list.viewButton('Simple view').click();
  await expect(list.typeFilter).toHaveCount(0);
  await list.viewButton('Standard view').click();
  await expect(list.typeFilter).toHaveText('All call types');
  await list.clearFilters.click();
  await list.search.fill('Canada');
  await expect(list.count).not.toHaveText('1,500 calls');
  expect(new Set(await list.rows.locator('td:nth-child(5)').allInnerTexts())).toEqual(new Set(['Canada']));
  await expectAccessible(page);
});
