import { resolve } from 'node:path';
import { expect, expectAccessible, test } from './fixtures';
import { CallListPage, CallsImportPage, DemoDataCard, UnratedCallsPage } from './pages/CallsPages';
import { reviewScreenshot } from './pages/ClientUi';

const FIXTURE = resolve(import.meta.dirname, 'fixtures', 'cdr-with-3-bad-rows.csv');
/** The fixture's sub accounts that no client has: its calls on them stay unrated. */
const UNKNOWN_ACCOUNTS = ['100000_lobby', '100000_faxroom'];

test('the demo, a CSV import with 3 bad rows (twice), the Global CDR and re-rating unrated calls', async ({ page, appUrl, dashboard }) => {
  // The demo builds a year of billing and 5,000 calls: a few seconds on a build machine.
  test.setTimeout(240_000);
  const demo = new DemoDataCard(page);
  await dashboard.goto();
  await expect(demo.card).toBeVisible();
  await expectAccessible(page);
  // Issue 10: the demo opens in its own file ("Try the demo"), not in the reseller's.
  await demo.tryButton.click();
  await expect(demo.busyButton).toBeDisabled();
  await expect(dashboard.toast('The demo is open')).toBeVisible({ timeout: 120_000 });
  await expect(dashboard.demoBanner).toBeVisible();
  await expect(demo.tryButton).toHaveCount(0);
  await expect(dashboard.packageCount).not.toHaveText('0');
  await expect(demo.callCount).toHaveText('5,000');
  await expect(demo.unratedLink).toContainText('could not be rated');

  // The Global CDR: newest first, a page of 200 at a time (keyset), virtualised.
  const list = new CallListPage(page, appUrl);
  await list.navigateTo('Calls');
  await expect(list.heading).toHaveText('Calls');
  await expect(list.navLink('Calls')).toHaveAttribute('aria-current', 'page');
  await expect(list.count).toHaveText('5,000 calls');
  await expect(list.rows.first()).toBeVisible();
  const renderedAtTop = await list.rows.count();
  expect(renderedAtTop).toBeLessThan(60);
  await expect(list.table).toHaveAttribute('aria-rowcount', '201');
  await expectAccessible(page);
  await reviewScreenshot(page, 'calls');

  await list.lastPage.click();
  await expect(list.pagePlace).toHaveText('Calls 4,801–5,000 of 5,000');
  await list.scrollToEnd();
  await expect(list.table.locator('tbody tr[aria-rowindex="201"][data-call-id]')).toBeVisible();
  await list.filterByStatus('Unrated');
  await expect(list.count).toHaveText(/^\d calls?$/);
  await expect(list.rows.first()).toContainText('Unrated');
  await list.clearFilters.click();
  await expect(list.count).toHaveText('5,000 calls');

  // Import a CSV with 3 bad rows through the UI.
  const importer = new CallsImportPage(page, appUrl);
  await importer.subnavLink('Import').click();
  await expect(importer.heading).toHaveText('Import calls');
  await expectAccessible(page);
  await importer.importFile(FIXTURE);
  await expect(importer.progressBar).toBeVisible();
  await expect(importer.heading2('Import finished')).toBeVisible();
  await expect(importer.progressBar).toHaveAttribute('aria-valuenow', '100');
  await expect(importer.count('lines')).toHaveText('44');
  await expect(importer.count('rejected')).toHaveText('3');
  await expect(importer.count('already-there')).toHaveText('0');
  const rated = Number(await importer.count('rated').innerText());
  const unrated = Number(await importer.count('unrated').innerText());
  expect(rated + unrated).toBe(40);
  expect(unrated).toBeGreaterThanOrEqual(6);
  await expect(importer.rejectedRows.locator('th')).toHaveText(['12', '25', '38']);
  await expect(importer.rejectedRows.nth(0)).toContainText('2026-02-30 10:00:00');
  await expect(importer.rejectedRows.nth(1)).toContainText('negative');
  await expect(importer.rejectedRows.nth(2)).toContainText('CONGESTION');
  await expect(importer.toast('Calls imported')).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'calls-import');

  // The same file again: every good row is already there, the bad ones are refused again.
  await importer.importAnotherButton.click();
  await importer.importFile(FIXTURE);
  await expect(importer.heading2('Import finished')).toBeVisible();
  await expect(importer.count('already-there')).toHaveText('40');
  await expect(importer.count('rated')).toHaveText('0');
  await expect(importer.count('unrated')).toHaveText('0');
  await expect(importer.count('rejected')).toHaveText('3');
  await expect(importer.rejectedRows).toHaveCount(3);

  // Unrated: the calls of the unknown sub accounts, with the reason; re-rating cannot fix them yet.
  const unratedPage = new UnratedCallsPage(page, appUrl);
  await unratedPage.subnavLink('Unrated').click();
  await expect(unratedPage.heading).toHaveText('Unrated calls');
  for (const account of UNKNOWN_ACCOUNTS) {
    await expect(unratedPage.rowsOf(account).first()).toContainText(`Sub account ${account} is not known here`);
  }
  const before = await unratedPage.count.innerText();
  await unratedPage.rerateButton.click();
  await expect(unratedPage.rerateOutcome).toHaveText(/^0 calls rated, \d+ still unrated\.$/);
  await expect(unratedPage.count).toHaveText(before);
  await expect(unratedPage.rowsOf(UNKNOWN_ACCOUNTS[0]!).first()).toContainText('is not known here');
  await expectAccessible(page);
  await reviewScreenshot(page, 'unrated');
});
