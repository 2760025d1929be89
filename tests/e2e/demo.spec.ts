import { expect, expectAccessible, test } from './fixtures';
import { DemoDataCard } from './pages/CallsPages';
import { callApi, reviewScreenshot } from './pages/ClientUi';

test('the demo card shows only on an empty app, and main’s refusal is shown as it says it', async ({ page, dashboard }) => {
  const demo = new DemoDataCard(page);
  await dashboard.goto();
  await expect(demo.card).toBeVisible();
  await expect(demo.callCount).toHaveText('0');
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-demo');

  // Someone adds a client in another window: main refuses, the card says why.
  await callApi(page, 'clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
  await demo.loadButton.click();
  await expect(demo.refusal).toContainText('This database already has 1 client: demo data is only loaded into an empty database');
  await expect(demo.loadButton).toBeEnabled();
  await expectAccessible(page);

  await page.reload();
  await expect(dashboard.packageCount).toBeVisible();
  await expect(demo.callCount).toBeVisible();
  await expect(demo.card).toHaveCount(0);
});

test('after the demo data the dashboard counts the calls and links to the unrated ones', async ({ page, dashboard }) => {
  test.setTimeout(180_000);
  const demo = new DemoDataCard(page);
  await dashboard.goto();
  await demo.loadButton.click();
  await expect(demo.busyButton).toBeDisabled();
  await expect(demo.card.getByRole('status')).toContainText('This takes a few seconds');
  await reviewScreenshot(page, 'dashboard-demo-loading', false);
  await expect(dashboard.toast('Demo data loaded')).toBeVisible({ timeout: 120_000 });
  await expect(demo.unratedLink).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-demo-loaded');
  await demo.unratedLink.click();
  await expect(dashboard.heading).toHaveText('Unrated calls');
});
