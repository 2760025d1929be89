import { expect, expectAccessible, test } from './fixtures';

const SECTIONS = [
  { label: 'Dashboard', heading: 'Dashboard' },
  { label: 'Packages', heading: 'Packages' },
  { label: 'Clients', heading: 'Clients' },
  { label: 'Sub accounts', heading: 'Sub accounts' },
  { label: 'Reports', heading: 'Reports' },
  { label: 'Invoices', heading: 'Invoices' },
  { label: 'Branding & Access', heading: 'Branding & Access' },
  { label: 'Sync', heading: 'Sync' },
  { label: 'Reconciliation', heading: 'Reconciliation' },
  { label: 'Settings', heading: 'Settings' },
] as const;

test('every page of the navigation opens, marks itself current and passes axe', async ({ shell }) => {
  await shell.open('/');
  for (const section of SECTIONS) {
    await shell.navigateTo(section.label);
    await expect(shell.heading).toHaveText(section.heading);
    await expect(shell.navLink(section.label)).toHaveAttribute('aria-current', 'page');
    await expect(shell.page.getByRole('status').filter({ hasText: /Loading|Counting|Reading/ })).toHaveCount(0);
    await expectAccessible(shell.page);
  }
});

test('the New package form passes axe', async ({ shell }) => {
  await shell.open('/packages/new');
  await expect(shell.heading).toHaveText('New package');
  await expectAccessible(shell.page);
});

test('a reload keeps the current page', async ({ shell }) => {
  await shell.open('/');
  await shell.navigateTo('Reports');
  await expect(shell.heading).toHaveText('Reports');
  await shell.page.reload();
  await expect(shell.heading).toHaveText('Reports');
  await expect(shell.page).toHaveURL(/#\/reports$/);
});

test('the dashboard shows the installation and links to a new package', async ({ dashboard }) => {
  await dashboard.goto();
  await expect(dashboard.packageCount).toHaveText('0');
  await expect(dashboard.detail('Schema version')).toHaveText(/^\d+$/);
  await expect(dashboard.detail('Database')).toContainText('console.db');
  await expect(dashboard.detail('Running as')).toHaveText('Headless host, in your browser');
  await dashboard.newPackageLink.click();
  await expect(dashboard.heading).toHaveText('New package');
});

test('the keyboard reaches the navigation and opens a page', async ({ shell }) => {
  await shell.open('/');
  await expect(shell.heading).toHaveText('Dashboard');
  await shell.navLink('Packages').focus();
  await shell.page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Packages');
  await expect(shell.heading).toBeFocused();
});
