import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built renderer in Debian's Chromium through the headless
 * host (Electron's own binary cannot be downloaded on our build machines). Build first:
 * `npx electron-vite build && npx playwright test`. Never `playwright install`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // Budgets for a loaded 2-core machine (CI runs beside builds): every wait is on state,
  // these only bound how long a state may take to show. A test that needs more sets its own.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: {
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    // Charts (issue 11) draw without animation when motion is reduced: tests see the final picture at once.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
