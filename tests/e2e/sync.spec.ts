import Database from 'better-sqlite3';
import { expect, expectAccessible, test } from './fixtures';
import { ClientFormPage } from './pages/ClientFormPage';
import { ClientManagePage } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi, reviewScreenshot } from './pages/ClientUi';
import { SyncPage } from './pages/SyncPage';

// Issue 12: with no provider configured, changes made in the UI save and wait in the outbox, shown live on the Sync page.
test('changes made in the UI wait on the Sync page; the sidebar counts them; a failed one shows the provider’s message, Retry and Discard', async ({ page, appUrl, host }) => {
  const list = new ClientsListPage(page, appUrl);
  const form = new ClientFormPage(page);
  const manage = new ClientManagePage(page, appUrl);
  const sync = new SyncPage(page, appUrl);

  await sync.goto();
  await expect(sync.heading).toHaveText('Sync');
  await expect(sync.allSent).toBeVisible();
  await expect(sync.sidebarCount).toHaveCount(0);
  await expect(sync.status).toContainText('0 pending, 0 failed');
  await expect(sync.status).toContainText('no provider configured');

  await list.goto();
  await list.newClientButton.click();
  await form.fill({ firstName: 'Alice', lastName: 'Martin', company: 'Acme', email: 'alice@example.com', phone: '5145550100', street: '1 Main St', city: 'Montreal', state: 'QC', country: 'CA', postalCode: 'H2X 1Y4', balanceMode: 'soft' });
  await form.submit();
  await expect(manage.heading).toHaveText('Alice Martin (Acme)');
  await manage.moveMoney('Payment', '25');
  await expect(manage.toast('Payment added')).toBeVisible();
  await expect(sync.sidebarCount).toHaveText('2');

  await sync.navigateTo('Sync');
  await expect(sync.rows).toHaveCount(2);
  await expect(sync.row('New client Alice Martin (Acme)')).toContainText('signupClient');
  await expect(sync.row('New client Alice Martin (Acme)')).toContainText('Pending');
  await expect(sync.row('Payment 25.00 for Alice Martin (Acme)')).toContainText('addPayment');
  await expect(sync.status).toContainText('2 pending, 0 failed');

  // Live: a change made elsewhere (another window, the command line) shows without a reload.
  const client = (await callApi<{ id: number; name: string }[]>(page, 'clients.list'))[0]!;
  await callApi(page, 'clients.charge', { clientId: client.id, amount: '4.5', description: 'Porting' });
  await expect(sync.row('Charge 4.50 for Alice Martin (Acme)')).toBeVisible();
  await expect(sync.sidebarCount).toHaveText('3');
  await expectAccessible(page);

  // The provider refused the signup (as the push worker records it): the message, Retry, and what it holds back.
  const database = new Database(host.databasePath);
  try {
    database
      .prepare("update outbox set state = 'failed', attempts = 1, last_status = 'invalid_email', last_message = 'This is not a valid email' where method = 'signupClient'")
      .run();
  } finally {
    database.close();
  }
  await page.reload();
  await expect(sync.row('New client Alice Martin (Acme)')).toContainText('Failed');
  await expect(sync.row('New client Alice Martin (Acme)')).toContainText('This is not a valid email (invalid_email)');
  await expect(sync.row('Payment 25.00 for Alice Martin (Acme)')).toContainText(/Held behind #\d+/);
  await expect(sync.navLink('Sync')).toHaveAccessibleDescription('3 changes waiting, 1 failed');
  await expectAccessible(page);
  await reviewScreenshot(page, 'sync-page');

  await sync.retry('New client Alice Martin (Acme)');
  await expect(sync.toast('Queued again')).toBeVisible();
  await expect(sync.row('New client Alice Martin (Acme)')).toContainText('Pending');
  await expect(sync.row('Payment 25.00 for Alice Martin (Acme)')).not.toContainText('Held behind');

  // Discard asks first; Cancel keeps the change.
  await sync.row('Charge 4.50 for Alice Martin (Acme)').getByRole('button', { name: /^Discard #\d+/ }).click();
  await expect(sync.confirmDialog).toContainText('The provider will never hear of this change');
  await reviewScreenshot(page, 'sync-discard-confirm');
  await sync.confirmDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(sync.rows).toHaveCount(3);
  await sync.discard('Charge 4.50 for Alice Martin (Acme)');
  await expect(sync.toast('Change discarded')).toBeVisible();
  await expect(sync.rows).toHaveCount(2);
  await expect(sync.sidebarCount).toHaveText('2');

  // Send now without a provider: nothing is lost, the changes keep waiting.
  await sync.sendNow.click();
  await expect(sync.toast('No provider configured')).toBeVisible();
  await expect(sync.rows).toHaveCount(2);
});
