import { expect, test } from './fixtures';

/** The HTTP shim turns a dead host into a readable error instead of a crash. */
test('a lost connection to the host shows main’s message, not a blank page', async ({ shell }) => {
  await shell.open('/packages');
  await expect(shell.heading).toHaveText('Packages');
  await shell.page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await shell.page.reload();
  await expect(shell.page.getByRole('alert')).toContainText('Could not reach the Reseller Console host');
});
