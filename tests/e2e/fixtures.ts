import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { startHeadlessHost, type RunningHeadlessHost } from './host';
import { AppShell } from './pages/AppShell';
import { DashboardPage } from './pages/DashboardPage';
import { PackageFormPage } from './pages/PackageFormPage';
import { PackagesPage } from './pages/PackagesPage';

interface Fixtures {
  /** The headless host, on a fresh database for this test (its file, for a test that must age data). */
  host: RunningHeadlessHost;
  /** The headless host's URL. */
  appUrl: string;
  shell: AppShell;
  dashboard: DashboardPage;
  packagesPage: PackagesPage;
  packageForm: PackageFormPage;
}

export const test = base.extend<Fixtures>({
  // Playwright's fixture signature needs the destructuring pattern even when nothing is used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHeadlessHost();
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  appUrl: async ({ host }, use) => use(host.url),
  shell: async ({ page, appUrl }, use) => use(new AppShell(page, appUrl)),
  dashboard: async ({ page, appUrl }, use) => use(new DashboardPage(page, appUrl)),
  packagesPage: async ({ page, appUrl }, use) => use(new PackagesPage(page, appUrl)),
  packageForm: async ({ page }, use) => use(new PackageFormPage(page)),
});

export { expect };

/** No serious or critical axe violations on what the page shows now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = blocking.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, 'accessibility violations').toEqual([]);
}
