import { expect, expectAccessible, test as base } from './fixtures';
import { startHeadlessHost } from './host';
import { ClientManagePage } from './pages/ClientManagePage';
import { callApi, daysFromToday, reviewScreenshot } from './pages/ClientUi';
import { moveHostClock } from './pages/HostClock';

// Issue 10: a console left open past a billing date bills it at midnight. The host's clock is
// moved past midnight (no waiting for a real one); the open windows show what was billed.
const test = base.extend({
  // Playwright's fixture signature needs the destructuring pattern even when nothing is used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHeadlessHost({ testClock: true });
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
});

test('an open console bills a package due tomorrow at midnight: the Dashboard and the client page show it without a reload', async ({ page, context, appUrl, dashboard }) => {
  await dashboard.goto();
  await expect(dashboard.recentNotices).toContainText('No notices yet');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10' });
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  const tomorrow = daysFromToday(1);
  await callApi(page, 'clients.connectPackage', { clientId: alice.id, packageId: pkg.id, nextBillingDate: tomorrow });

  // Alice's page open in a second window, as a reseller would leave it.
  const clientWindow = await context.newPage();
  const manage = new ClientManagePage(clientWindow, appUrl);
  await manage.goto(alice.id);
  await expect(manage.balance).toHaveText('$0.00');
  await expect(manage.ledgerRow('Monthly fee: Basic')).toHaveCount(0);
  // Markers a reload would wipe.
  for (const open of [page, clientWindow]) await open.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));

  // A second before midnight nothing is due yet; five seconds after, the scheduler bills.
  expect(await moveHostClock(page, `${daysFromToday(0)}T23:59:59.000Z`)).toBeNull();
  const billed = await moveHostClock<{ notice: string }>(page, `${tomorrow}T00:00:05.000Z`);
  expect(billed.notice).toMatch(/^Billing at midnight \(.+\): 1 billing cycle closed for 1 client, \$10\.00 in fees\.$/);

  const notice = dashboard.recentNotices.getByRole('listitem').filter({ hasText: 'Billing at midnight' });
  await expect(notice).toContainText('1 billing cycle closed for 1 client, $10.00 in fees.');
  await expect(notice).toContainText('Billed');
  await expect(manage.ledgerRow('Monthly fee: Basic')).toContainText('-$10.00');
  await expect(manage.balance).toHaveText('-$10.00');
  for (const open of [page, clientWindow]) {
    expect(await open.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  }
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-midnight-billing');
  await reviewScreenshot(clientWindow, 'client-midnight-billing');

  // The same day again (a wake, the periodic check): nothing billed twice, no second notice.
  expect(await moveHostClock(page, `${tomorrow}T08:00:00.000Z`)).toBeNull();
  await expect(manage.ledgerRow('Monthly fee: Basic')).toHaveCount(1);
  await expect(dashboard.recentNotices.getByRole('listitem').filter({ hasText: 'Billing at midnight' })).toHaveCount(1);
  await clientWindow.close();
});
