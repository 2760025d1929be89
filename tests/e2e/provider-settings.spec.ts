import { startHeadlessHost } from './host';
import { expect, expectAccessible, test as base } from './fixtures';
import { ProviderSettingsPanel } from './pages/ProviderSettingsPanel';
import { startEmulator, type Emulator } from '../fixtures/emulator/server';

// Issue 12: Settings → Provider against a running provider emulator. The headless host has no
// keychain: it reads the API credentials and address from RESELLER_API_USERNAME / _PASSWORD / _URL.
const test = base.extend<{ emulator: Emulator; provider: ProviderSettingsPanel }>({
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ data: { balance: '112.19279' } });
    try {
      await use(emulator);
    } finally {
      await emulator.stop();
    }
  },
  host: async ({ emulator }, use) => {
    const host = await startHeadlessHost({
      env: { RESELLER_API_USERNAME: emulator.username, RESELLER_API_PASSWORD: emulator.password, RESELLER_API_URL: emulator.url },
    });
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
  provider: async ({ page, appUrl }, use) => use(new ProviderSettingsPanel(page, appUrl)),
});

test('the environment\'s credentials are shown, and the connection test reaches the emulator', async ({ provider, emulator, page }) => {
  await provider.goto();
  await expect(provider.fromEnvironment).toBeVisible();
  await expect(provider.environmentUsername).toHaveText(emulator.username);
  await expect(provider.form).toHaveCount(0);
  await provider.testConnection();
  await expect(provider.result).toHaveAttribute('role', 'status');
  await expect(provider.result).toContainText('Connected to the provider');
  await expect(provider.result.getByTestId('connection-ip')).toHaveText('127.0.0.1');
  await expect(provider.result).toContainText('$112.19');
  expect(emulator.requests().map((entry) => `${entry.method}:${entry.status}`)).toEqual(['getIP:success', 'getBalance:success']);
  await page.screenshot({ path: 'test-results/settings-provider-connected.png', fullPage: true });
  await expectAccessible(page);
});

test('with the emulator refusing this IP, the message names the IP to allow-list', async ({ provider, emulator, page }) => {
  emulator.setAllowedIps(['203.0.113.7']);
  await provider.goto();
  await provider.testConnection();
  await expect(provider.result).toHaveAttribute('role', 'alert');
  await expect(provider.result).toContainText('(ip_not_enabled)');
  await expect(provider.result).toContainText('This IP is not enabled for API use. Allow-list 127.0.0.1');
  await page.screenshot({ path: 'test-results/settings-provider-ip-refused.png', fullPage: true });
  emulator.setAllowedIps(['127.0.0.1']);
  await provider.testConnection();
  await expect(provider.result).toContainText('Connected to the provider');
});
