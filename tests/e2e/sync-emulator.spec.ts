import { startEmulator } from '../fixtures/emulator/server';
import { expect, expectAccessible, test } from './fixtures';
import { startHeadlessHost } from './host';
import { ClientFormPage } from './pages/ClientFormPage';
import { ClientManagePage } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { ProviderSettingsPanel } from './pages/ProviderSettingsPanel';
import { SyncPage } from './pages/SyncPage';

// Issue 12, end to end: the emulator configured in Settings, a client and a payment made in the
// window go from pending to synced on the Sync page; a change the provider refuses for good shows
// its message with Retry, and goes through once the cause is fixed at the provider.
test('configured in Settings, changes reach the emulator from the Sync page; a refused one shows the provider’s message and Retry', async ({ page }) => {
  // The provider already has a client with Bob's e-mail: his signup is refused (used_email).
  const emulator = await startEmulator({ data: { clients: [{ client: 900001, email: 'bob@example.com', firstname: 'Robert', lastname: 'Old' }] } });
  const host = await startHeadlessHost({ testSecretBox: true });
  try {
    const provider = new ProviderSettingsPanel(page, host.url);
    await provider.goto();
    await provider.apiUsername.fill(emulator.username);
    await provider.apiPassword.fill(emulator.password);
    await provider.apiAddress.fill(emulator.url);
    await provider.saveButton.click();
    await expect(provider.form.getByText('Saved, encrypted by your operating system')).toBeVisible();
    await provider.testConnection();
    await expect(provider.result).toContainText('Connected to the provider');

    const list = new ClientsListPage(page, host.url);
    const form = new ClientFormPage(page);
    const manage = new ClientManagePage(page, host.url);
    const sync = new SyncPage(page, host.url);
    const address = { company: 'Acme', phone: '5145550100', street: '1 Main St', city: 'Montreal', state: 'QC', country: 'CA', postalCode: 'H2X 1Y4', balanceMode: 'soft' as const };
    await list.goto();
    await list.newClientButton.click();
    await form.fill({ firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', ...address });
    await form.submit();
    await expect(manage.heading).toHaveText('Alice Martin (Acme)');
    await manage.moveMoney('Payment', '25');
    await expect(manage.toast('Payment added')).toBeVisible();

    await sync.navigateTo('Sync');
    await expect(sync.status).toContainText('provider configured');
    // Sent now (the worker would on its own): the rows leave the list as the provider takes them.
    await sync.sendNow.click();
    await expect(sync.allSent).toBeVisible();
    await expect(sync.sidebarCount).toHaveCount(0);
    const alice = emulator.snapshot().clients.find((client) => client.email === 'alice@example.com');
    expect(alice).toMatchObject({ firstname: 'Alice', lastname: 'Martin', city: 'Montreal' });
    expect(emulator.snapshot().deposits.filter((entry) => entry.client === alice!.client).map((entry) => entry.amountMicros)).toEqual([25_000_000]);

    // Bob's e-mail is taken at the provider: a permanent refusal, shown with its message; his payment waits behind it.
    await list.goto();
    await list.newClientButton.click();
    await form.fill({ firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', ...address });
    await form.submit();
    await expect(manage.heading).toHaveText('Bob Stone (Acme)');
    await manage.moveMoney('Payment', '10');
    await expect(manage.toast('Payment added')).toBeVisible();
    await sync.navigateTo('Sync');
    await sync.sendNow.click();
    await expect(sync.row('New client Bob Stone (Acme)')).toContainText('Failed');
    await expect(sync.row('New client Bob Stone (Acme)')).toContainText('(used_email)');
    await expect(sync.row('Payment 10.00 for Bob Stone (Acme)')).toContainText(/Held behind #\d+/);
    await expect(sync.row('New client Bob Stone (Acme)').getByRole('button', { name: /^Retry #\d+/ })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/sync-emulator-refused.png', fullPage: true });

    // Fixed at the provider (the old client removed in its portal): Retry, then both go through.
    const removed = await fetch(emulator.url, {
      method: 'POST',
      body: new URLSearchParams({ api_username: emulator.username, api_password: emulator.password, method: 'delClient', client: '900001' }),
    });
    expect(await removed.json()).toMatchObject({ status: 'success' });
    await sync.retry('New client Bob Stone (Acme)');
    await sync.sendNow.click();
    await expect(sync.allSent).toBeVisible();
    const bob = emulator.snapshot().clients.find((client) => client.email === 'bob@example.com' && client.firstname === 'Bob');
    expect(bob).toBeDefined();
    expect(emulator.snapshot().deposits.filter((entry) => entry.client === bob!.client).map((entry) => entry.amountMicros)).toEqual([10_000_000]);
  } finally {
    await host.stop();
    await emulator.stop();
  }
});
