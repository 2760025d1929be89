import { startEmulator } from '../fixtures/emulator/server';
import { expect, expectAccessible, test } from './fixtures';
import { startHeadlessHost } from './host';
import { ProviderSettingsPanel } from './pages/ProviderSettingsPanel';

// Issue 12: without credentials in its environment the headless host shows the form; it has no
// keychain, so it says the password cannot be saved and refuses to write it in plain text.
test('the form without a keychain: e-mail and address are saved, the password is refused with why', async ({ page, appUrl, shell }) => {
  const provider = new ProviderSettingsPanel(page, appUrl);
  await provider.goto();
  await expect(provider.noKeychain).toBeVisible();
  await expect(provider.apiAddress).toHaveValue('https://voip.ms/api/v1/rest.php');
  await provider.testConnection();
  await expect(provider.result).toContainText('Enter the API e-mail and the API password first');

  await provider.apiUsername.fill('reseller@example.com');
  await provider.apiPassword.fill('api-password-1');
  await provider.saveButton.click();
  await expect(provider.form.getByText('this computer cannot keep it encrypted')).toBeVisible();
  await page.screenshot({ path: 'test-results/settings-provider-form.png', fullPage: true });
  await expectAccessible(page);

  await provider.apiPassword.fill('');
  await provider.apiAddress.fill('http://127.0.0.1:9/api/v1/rest.php');
  await provider.saveButton.click();
  await expect(shell.toast('Provider settings saved')).toBeVisible();
  await page.reload();
  await provider.apiCard.waitFor();
  await expect(provider.apiUsername).toHaveValue('reseller@example.com');
  await expect(provider.apiAddress).toHaveValue('http://127.0.0.1:9/api/v1/rest.php');
});

test('configured in Settings: the emulator\'s address and credentials are saved (password sealed), and the connection test passes', async ({ page }) => {
  const emulator = await startEmulator({ data: { balance: '50.00' } });
  // A host that can seal the password, as the desktop app's keychain does (main/host/testSecretBox.ts).
  const host = await startHeadlessHost({ testSecretBox: true });
  try {
    const provider = new ProviderSettingsPanel(page, host.url);
    await provider.goto();
    await expect(provider.noKeychain).toHaveCount(0);
    await provider.apiUsername.fill(emulator.username);
    await provider.apiPassword.fill(emulator.password);
    await provider.apiAddress.fill(emulator.url);
    await provider.saveButton.click();
    await expect(provider.form.getByText('Saved, encrypted by your operating system')).toBeVisible();
    await expect(provider.apiPassword).toHaveValue('');
    await provider.testConnection();
    await expect(provider.result).toContainText('Connected to the provider');
    await expect(provider.result).toContainText('$50.00');
    await page.screenshot({ path: 'test-results/settings-provider-saved.png', fullPage: true });
    // Reopened, the app still connects with the sealed password.
    await host.restart();
    const reopened = new ProviderSettingsPanel(page, host.url);
    await reopened.goto();
    await reopened.testConnection();
    await expect(reopened.result).toContainText('Connected to the provider');
  } finally {
    await host.stop();
    await emulator.stop();
  }
});
