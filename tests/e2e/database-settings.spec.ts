import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, expectAccessible, test } from './fixtures';
import { startHeadlessHost } from './host';
import { callApi } from './pages/ClientUi';
import { ClientsListPage } from './pages/ClientsListPage';
import { DatabaseSettingsPanel } from './pages/DatabaseSettingsPanel';
import { teamDatabase, testServerUrl } from './teamServer';

/**
 * Issue 16, Settings → Database: a team server's address and password tested (a clear refusal
 * for a wrong password, the server's answer for the right one) and saved for the next start,
 * the password sealed beside the data, never sent back to the window. Against the test
 * PostgreSQL cluster (teamServer.ts), and an address where nothing listens.
 */

test('Settings → Database: a team server tested and saved for the next start', async ({ page, host, appUrl, shell }) => {
  const panel = new DatabaseSettingsPanel(page, appUrl);
  await panel.goto();
  await expect(panel.location).toHaveText(host.databasePath);
  await expect(panel.nextStart).toHaveText('This computer’s database file');
  await expect(panel.thisComputer).toBeChecked();
  await expect(panel.restartNote).toBeVisible();
  await panel.teamServer.check();

  // Nothing listens on port 1: said so.
  await panel.serverUrl.fill('postgres://team@127.0.0.1:1/console');
  await panel.password.fill('a-password');
  await panel.testConnection();
  await expect(panel.result).toContainText('cannot be reached');

  const server = testServerUrl();
  const password = decodeURIComponent(server.password);
  server.password = '';
  const url = server.toString();
  await panel.serverUrl.fill(url);
  await panel.password.fill('not-the-password');
  await panel.testConnection();
  await expect(panel.result).toHaveAttribute('role', 'alert');
  await expect(panel.result).toContainText('The server refused the connection');
  await expect(panel.result).toContainText('refused the password');
  await page.screenshot({ path: 'test-results/settings-database-refused.png', fullPage: true });
  await panel.password.fill(password);
  await panel.testConnection();
  await expect(panel.result).toHaveAttribute('role', 'status');
  await expect(panel.result).toContainText(/The server answered: PostgreSQL \d+/);

  await panel.saveButton.click();
  await expect(shell.toast('Database choice saved')).toBeVisible();
  await expect(panel.nextStart).toHaveText(url);
  // Where the data lives now did not change: that happens at the next start.
  await expect(panel.location).toHaveText(host.databasePath);
  await expect(panel.password).toHaveValue('');
  await expect(panel.form.getByText('Saved, encrypted on this computer. Leave blank to keep it.')).toBeVisible();
  const choiceFile = join(dirname(host.databasePath), 'database.json');
  expect(existsSync(choiceFile)).toBe(true);
  expect(readFileSync(choiceFile, 'utf8')).not.toContain(password);
  await page.screenshot({ path: 'test-results/settings-database.png', fullPage: true });
  await expectAccessible(page);

  // Read again from main: the choice, never the password.
  await page.reload();
  await panel.nowCard.waitFor();
  await expect(panel.teamServer).toBeChecked();
  await expect(panel.serverUrl).toHaveValue(url);
  await expect(panel.password).toHaveValue('');

  // A bad address is refused before anything is saved.
  await panel.serverUrl.fill('mysql://team@db.example.com/console');
  await panel.saveButton.click();
  await expect(panel.form.getByText('Server address: write postgres://user@host/database')).toBeVisible();
  await expect(panel.nextStart).toHaveText(url);
});

test('two hosts on one team database: a change through one shows in the other’s window without a reload', async ({ page, context }) => {
  const { url: database, drop } = await teamDatabase(`rc_e2e_${process.pid}`);
  // One host migrates, then the second starts on the migrated database.
  const first = await startHeadlessHost({ database: database.toString() });
  const second = await startHeadlessHost({ database: database.toString() });
  try {
    const list = new ClientsListPage(page, first.url);
    await list.goto();
    await expect(list.emptyState).toBeVisible();
    await page.evaluate(() => Object.assign(window, { __stillTheSamePage: true }));
    const settings = new DatabaseSettingsPanel(await context.newPage(), second.url);
    await settings.goto();
    await expect(settings.location).toHaveText(database.toString().replace(`:${encodeURIComponent(database.password)}@`, '@'));
    await callApi(settings.page, 'clients.create', { firstName: 'Tess', lastName: 'Team', email: 'tess@example.com', balanceMode: 'soft' });
    await expect(list.row('Tess Team')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __stillTheSamePage?: boolean }).__stillTheSamePage)).toBe(true);
  } finally {
    await Promise.all([first.stop(), second.stop()]);
    await drop();
  }
});
