import { expect, expectAccessible, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { ClientFormPage } from './pages/ClientFormPage';
import { callApi } from './pages/ClientUi';
import { PackageFormPage } from './pages/PackageFormPage';

// Issue 10: unsaved edits in the package editor and the client form are never lost
// silently on navigation: the window asks before leaving.

test('the client form asks before a link or Back drops its unsaved edits; saving goes on without asking', async ({ page, appUrl }) => {
  const shell = new AppShell(page, appUrl);
  const form = new ClientFormPage(page);
  const client = await (async () => {
    await shell.open('/clients');
    return callApi<{ id: number }>(page, 'clients.create', { firstName: 'Rosa', lastName: 'Park', email: 'rosa@example.com', balanceMode: 'soft' });
  })();
  await shell.open(`/clients/${client.id}`);
  await expect(shell.heading).toHaveText('Rosa Park');
  await page.getByRole('link', { name: 'Edit client' }).click();
  await expect(shell.heading).toHaveText('Edit Rosa Park');

  // Nothing typed yet: leaving asks nothing.
  await shell.navigateTo('Packages');
  await expect(shell.heading).toHaveText('Packages');
  await page.goBack();
  await expect(shell.heading).toHaveText('Edit Rosa Park');

  await form.fill({ company: 'Park Telecom' });
  const ask = page.getByRole('alertdialog');
  await shell.navigateTo('Packages');
  await expect(ask).toContainText('Leave without saving?');
  await expect(ask).toContainText('unsaved changes to this client');
  await expectAccessible(page);
  // Stay: the page and what was typed are still there, and so is the address.
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(ask).toBeHidden();
  await expect(shell.heading).toHaveText('Edit Rosa Park');
  await expect(form.field('company')).toHaveValue('Park Telecom');
  expect(new URL(page.url()).hash).toBe(`#/clients/${client.id}/edit`);

  // Back asks too, and Stay keeps the page.
  await page.goBack();
  await expect(ask).toContainText('Leave without saving?');
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(shell.heading).toHaveText('Edit Rosa Park');
  await expect(form.field('company')).toHaveValue('Park Telecom');

  // Leave without saving: the other page opens and nothing was saved.
  await shell.navigateTo('Packages');
  await ask.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(shell.heading).toHaveText('Packages');
  expect((await callApi<{ company: string | null }>(page, 'clients.get', { id: client.id })).company ?? '').toBe('');

  // Edits that are saved leave without a question.
  await shell.open(`/clients/${client.id}/edit`);
  await expect(shell.heading).toHaveText('Edit Rosa Park');
  await form.fill({ company: 'Park Telecom' });
  await form.submit();
  await expect(shell.heading).toHaveText('Rosa Park (Park Telecom)');
  await expect(ask).toHaveCount(0);
  // …and the Manage page holds no guard: its links leave at once.
  await shell.navigateTo('Clients');
  await expect(shell.heading).toHaveText('Clients');
});

test('the package editor asks before leaving unsaved settings or custom rates, and closing the page asks the browser’s question', async ({ page, appUrl }) => {
  const shell = new AppShell(page, appUrl);
  const editor = new PackageFormPage(page);
  await shell.open('/packages');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Basic', markupFixed: '0.0050', markupPercent: '20', pulseSeconds: 60 });
  await shell.open(`/packages/${pkg.id}`);
  await expect(shell.heading).toHaveText('Edit Basic');
  const ask = page.getByRole('alertdialog');

  await editor.fill({ markupPercent: '25' });
  await shell.navigateTo('Clients');
  await expect(ask).toContainText('unsaved changes to package Basic');
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(editor.markupPercent).toHaveValue('25');

  // Saved: no question any more.
  await editor.submit();
  await expect(shell.toast('Package saved')).toBeVisible();
  await shell.navigateTo('Clients');
  await expect(shell.heading).toHaveText('Clients');

  // A custom rate added but not saved asks too.
  await shell.open(`/packages/${pkg.id}/rates`);
  await page.getByRole('button', { name: 'Add rate' }).click();
  await shell.navigateTo('Clients');
  await expect(ask).toContainText('unsaved changes to package Basic');
  await ask.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(shell.heading).toHaveText('Clients');

  // A new package with a name typed asks too.
  await shell.open('/packages/new');
  await expect(shell.heading).toHaveText('New package');
  await editor.fill({ name: 'Draft' });
  await shell.navigateTo('Dashboard');
  await expect(ask).toContainText('unsaved changes to this new package');
  await ask.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(editor.name).toHaveValue('Draft');

  // Closing or reloading the page: the browser's own question (beforeunload), dismissed here.
  const question = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await question;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
});
