import { expect, test } from './fixtures';
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

test('calls loaded in another window show in an open Global CDR without reloading it', async ({ page, appUrl, context }) => {
  test.setTimeout(120_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await expect(list.emptyState).toBeVisible();
  await page.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));

  const elsewhere = await context.newPage();
  await elsewhere.goto(appUrl);
  await callApi(elsewhere, 'demo.load', { clients: 3, cdrs: 300 });

  // main's 'data.changed' refreshes the list's pages: the count, and rows past the first page.
  await expect(list.count).toHaveText('300 calls');
  await list.scrollToEnd();
  await expect(list.rowAt(299)).toHaveAttribute('data-call-id', /./);
  expect(await page.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  await elsewhere.close();
});
