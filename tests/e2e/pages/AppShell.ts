import type { Locator, Page } from '@playwright/test';

/** The frame around every page: sidebar navigation, the page's h1, toasts, the demo's banner. */
export class AppShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly toasts: Locator;
  /** Issue 10: on every page while the demo is open. */
  readonly demoBanner: Locator;
  readonly backToMyData: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.toasts = page.getByRole('region', { name: /Notification/ });
    this.demoBanner = page.getByRole('region', { name: 'Demo data' });
    this.backToMyData = this.demoBanner.getByRole('button', { name: 'Back to my data' });
  }

  /** Opens a route directly, e.g. "/packages". */
  async open(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}#${path}`);
  }

  navLink(label: string): Locator {
    return this.nav.getByRole('link', { name: label, exact: true });
  }

  async navigateTo(label: string): Promise<void> {
    await this.navLink(label).click();
  }

  /**
   * Issue 10: a form with unsaved edits asks before the page is left; this answers
   * "Leave without saving" (after a navigation the test made on purpose).
   */
  async leaveWithoutSaving(): Promise<void> {
    const ask = this.page.getByRole('alertdialog').filter({ hasText: 'Leave without saving?' });
    await ask.getByRole('button', { name: 'Leave without saving' }).click();
    await ask.waitFor({ state: 'detached' });
  }

  toast(title: string): Locator {
    return this.toasts.getByRole('listitem').filter({ hasText: title });
  }
}
