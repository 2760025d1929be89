import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { expect, expectAccessible, test } from './fixtures';
import { DemoDataCard } from './pages/CallsPages';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi, reviewScreenshot } from './pages/ClientUi';

/** The clients of a database file, read beside the running host (read-only). */
function clientNamesIn(path: string): string[] {
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (database.prepare('select first_name, last_name from clients order by id').all() as { first_name: string; last_name: string }[]).map(
      (row) => `${row.first_name} ${row.last_name}`,
    );
  } finally {
    database.close();
  }
}

// Issue 10: the demo opens in its own file beside the reseller's, says so on every page, and one click brings their data back.
test('Try the demo opens the demo beside the real data, with a banner on every page; Back to my data brings the one real client back', async ({
  page,
  appUrl,
  host,
  context,
  dashboard,
}) => {
  // The demo builds a year of billing and 5,000 calls: a few seconds on a build machine.
  test.setTimeout(240_000);
  const demo = new DemoDataCard(page);
  const clients = new ClientsListPage(page, appUrl);
  await dashboard.goto();
  await callApi(page, 'clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
  const demoPath = host.databasePath.replace(/\.db$/, '-demo.db');

  // A reseller with data of their own is offered the demo too: it never touches theirs.
  await dashboard.goto();
  await expect(demo.card).toHaveAccessibleName('Try the demo');
  await expect(demo.card).toContainText(demoPath);
  await expect(demo.startAgainButton).toHaveCount(0);
  await expect(dashboard.demoBanner).toHaveCount(0);
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-demo');

  // Another window of the app, on the client list: it must not keep showing the real client under the demo's banner.
  const elsewhere = await context.newPage();
  const elsewhereClients = new ClientsListPage(elsewhere, appUrl);
  await elsewhereClients.goto();
  await expect(elsewhereClients.rows).toHaveCount(1);

  await demo.tryButton.click();
  await expect(demo.busyButton).toBeDisabled();
  await expect(demo.card.getByRole('status')).toContainText('This takes a few seconds');
  await reviewScreenshot(page, 'dashboard-demo-loading', false);
  await expect(dashboard.toast('The demo is open')).toContainText(demoPath, { timeout: 120_000 });
  await expect(dashboard.demoBanner).toBeVisible();
  await expect(dashboard.demoBanner.getByRole('status')).toHaveText('You are looking at demo data — nothing here is your real business.');
  await expect(demo.card).toHaveAccessibleName('You are in the demo');
  await expect(demo.callCount).toHaveText('5,000');
  await expect(demo.unratedLink).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-demo-loaded');
  // The other window heard the switch: its banner, the Dashboard, the demo's data (no reload).
  await expect(elsewhereClients.demoBanner).toBeVisible();
  await expect(elsewhereClients.heading).toHaveText('Dashboard');
  await expect(elsewhere.getByTestId('call-count')).toHaveText('5,000');

  // The demo's clients, and not the reseller's; the banner stays on every page, and after a reload.
  await clients.navigateTo('Clients');
  await expect(clients.rows).toHaveCount(25);
  await expect(clients.row('Ann Lee')).toHaveCount(0);
  await expect(clients.demoBanner).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'clients-demo');
  await page.reload();
  await expect(clients.demoBanner).toBeVisible();
  await expect(clients.rows).toHaveCount(25);
  // Meanwhile the reseller's own file holds their one client and nothing of the demo.
  expect(clientNamesIn(host.databasePath)).toEqual(['Ann Lee']);
  expect(clientNamesIn(demoPath)).toHaveLength(25);

  // One action back, from any page: the Dashboard of their own data, no banner, no demo rows.
  await clients.backToMyData.click();
  await expect(dashboard.toast('Your own data is open again')).toBeVisible();
  await expect(clients.demoBanner).toHaveCount(0);
  await expect(dashboard.heading).toHaveText('Dashboard');
  await expect(demo.callCount).toHaveText('0');
  await clients.navigateTo('Clients');
  await expect(clients.rows).toHaveCount(1);
  expect(await clients.names()).toEqual(['Ann Lee']);
  await expect(elsewhereClients.demoBanner).toHaveCount(0);
  await expect(elsewhere.getByTestId('call-count')).toHaveText('0');
  await elsewhere.close();
  await page.reload();
  await expect(clients.rows).toHaveCount(1);
  await expect(clients.demoBanner).toHaveCount(0);

  // The demo is kept for next time: "Start the demo again" is offered beside "Try the demo".
  await dashboard.goto();
  await expect(demo.startAgainButton).toBeVisible();
  expect(existsSync(demoPath)).toBe(true);
  await demo.tryButton.click();
  await expect(dashboard.demoBanner).toBeVisible();
  await expect(demo.callCount).toHaveText('5,000');
  await demo.unratedLink.click();
  await expect(dashboard.heading).toHaveText('Unrated calls');
  await expect(dashboard.demoBanner).toBeVisible();
});

test('while an import runs, Try the demo is refused with a clear message and nothing is switched', async ({ page, dashboard }) => {
  const demo = new DemoDataCard(page);
  await dashboard.goto();
  // An import the window streams piece by piece, still waiting for its first piece.
  const job = await callApi<{ jobId: number; status: string }>(page, 'calls.importBegin', { fileName: 'calls.csv', totalBytes: 1000 });
  expect(job.status).toBe('running');

  await demo.tryButton.click();
  await expect(demo.refusal).toContainText('The demo was not opened');
  await expect(demo.refusal).toContainText('An import of calls is running: wait for it to finish (or cancel it), then switch. Your data and the demo were left as they are.');
  await expect(demo.tryButton).toBeEnabled();
  await expect(dashboard.demoBanner).toHaveCount(0);
  await expect(demo.startAgainButton).toHaveCount(0);
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-demo-refused');
  await callApi(page, 'calls.cancelImport', { jobId: job.jobId });
});
