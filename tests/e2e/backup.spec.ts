import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamDatabase } from './teamServer';
import { expect, expectAccessible, test } from './fixtures';
import { startHeadlessHost } from './host';
import { callApi, reviewScreenshot } from './pages/ClientUi';

/**
 * Issue 14 in the window: Settings → Backup. A backup downloaded (the browser's way; the
 * desktop app's Save dialog is main's), daily backups set, and a restore from a chosen file
 * (sent to main, which answers with a grant): a file that is not a backup refused, a backup
 * put in place after a confirmation, and every view reading afresh.
 */
const client = (firstName: string) => ({ firstName, lastName: 'Backup', email: `${firstName.toLowerCase()}@example.com`, balanceMode: 'soft' });

test('back up, set daily backups, and restore from a backup file', async ({ page, appUrl }) => {
  await page.goto(`${appUrl}#/settings/backup`);
  const backupNow = page.getByRole('button', { name: 'Back up now…' });
  await expect(backupNow).toBeVisible();
  await callApi(page, 'clients.create', client('Ana'));
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await backupNow.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^[\w-]+-backup-\d{4}-\d{2}-\d{2}\.db$/);
  const saved = join(tmpdir(), `rc-e2e-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(saved);
  await expect(page.getByRole('status').filter({ hasText: 'Backup written' }).first()).toBeVisible();

  // Daily backups: a count out of range is refused under its field; a good one is saved.
  const keep = page.getByLabel('Backups to keep');
  await keep.fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Keep a whole number of backups from 1 to 365.')).toBeVisible();
  await keep.fill('3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup settings saved' }).first()).toBeVisible();
  await expect(page.getByTestId('backup-folder')).toContainText('backups');

  // A client added after the backup: the restore takes it away.
  await callApi(page, 'clients.create', client('Bruno'));

  // Not a backup (a text file named .db): refused with why, nothing changed.
  const notes = join(tmpdir(), `rc-e2e-${Date.now()}-notes.db`);
  writeFileSync(notes, 'date,callerid,destination\n'.repeat(100));
  await page.getByLabel('Backup file').setInputFiles(notes);
  await expect(page.getByRole('alert').filter({ hasText: 'not an SQLite database' })).toBeVisible();

  await page.getByLabel('Backup file').setInputFiles(saved);
  const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(confirm).toContainText('holds 1 client and 0 calls');
  await reviewScreenshot(page, 'settings-backup-restore-confirm', false);
  await confirm.getByRole('button', { name: 'Replace my data' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Restored from rc-e2e-.*\.db/ }).first()).toBeVisible();

  await page.goto(`${appUrl}#/clients`);
  await expect(page.getByRole('link', { name: 'Ana Backup', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bruno Backup', exact: true })).toHaveCount(0);
});

test('on a team server, Settings → Backup says the server’s own tools back it up, with no button that would be refused', async ({ page }) => {
  const { url: database, drop } = await teamDatabase(`rc_e2e_backup_${process.pid}`);
  // What goes beside a server's database (the key file, exports) goes in this computer's data folder: the test's own.
  const dataFolder = mkdtempSync(join(tmpdir(), 'rc-e2e-backup-pg-'));
  const host = await startHeadlessHost({ database: database.toString(), env: { XDG_CONFIG_HOME: dataFolder } });
  try {
    await page.goto(`${host.url}#/settings/backup`);
    const explanation = page.getByTestId('backup-team-server');
    await expect(explanation).toContainText('This database is on a team server (PostgreSQL)');
    await expect(explanation).toContainText('pg_dump and pg_restore');
    await expect(page.getByRole('heading', { name: 'Backups on a team server' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now…' })).toHaveCount(0);
    await expect(page.getByLabel('Backups to keep')).toHaveCount(0);
    await expect(page.getByLabel('Backup file')).toHaveCount(0);
    await expectAccessible(page);
    await reviewScreenshot(page, 'settings-backup-team-server', false);
  } finally {
    await host.stop();
    await drop();
    rmSync(dataFolder, { recursive: true, force: true });
  }
});
