import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export class DashboardPage extends AppShell {
  readonly packageCount: Locator;
  readonly newPackageLink: Locator;
  readonly installation: Locator;
  readonly recentNotices: Locator;

  constructor(page: Page, baseUrl: string) {
    super(page, baseUrl);
    this.packageCount = page.getByTestId('package-count');
    this.newPackageLink = page.getByRole('main').getByRole('link', { name: 'New package' });
    this.installation = page.getByRole('region', { name: 'This installation' });
    this.recentNotices = page.getByRole('region', { name: 'Recent notices' });
  }

  async goto(): Promise<void> {
    await this.open('/');
  }

  /** The value next to a label in the installation details ("Version", "Database"…). */
  detail(term: string): Locator {
    const exactTerm = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.installation.locator('.details__row').filter({ has: this.page.locator('dt', { hasText: exactTerm }) }).locator('dd');
  }
}
