import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { deadPid, recordKilledImport } from '../helpers/seed';
import { expect, expectAccessible, test } from './fixtures';
import { CallsImportPage } from './pages/CallsPages';
import { reviewScreenshot } from './pages/ClientUi';

const FIXTURE = resolve(import.meta.dirname, 'fixtures', 'cdr-with-3-bad-rows.csv');

test('an import killed while it ran reads "Interrupted" with what to do after the next start, and a new import joins the list', async ({ page, host }) => {
  // What a killed app leaves: an import recorded as running, by a process that is gone.
  const database = new Database(host.databasePath);
  try {
    recordKilledImport(database, await deadPid(), 'november.csv');
  } finally {
    database.close();
  }
  // The app opens again: its start marks the import interrupted.
  const url = await host.restart();
  const importer = new CallsImportPage(page, url);
  await importer.goto();

  const killed = importer.recentImport('november.csv');
  await expect(killed).toHaveAttribute('data-status', 'interrupted');
  await expect(killed).toContainText('Interrupted');
  await expect(killed).toContainText('import the file again to finish it');
  await expect(importer.interruptedBanner).toContainText('1 import was interrupted');
  await expect(importer.interruptedBanner).toContainText('import november.csv again to finish');
  await expectAccessible(page);
  await reviewScreenshot(page, 'calls-import-interrupted');

  // A new import is listed above it once it ends (main's 'data.changed'; nothing reloads the page).
  await importer.importFile(FIXTURE);
  await expect(importer.heading2('Import finished')).toBeVisible();
  await expect(importer.recentImport('cdr-with-3-bad-rows.csv')).toHaveAttribute('data-status', 'done');
  await expect(importer.recentImport('cdr-with-3-bad-rows.csv')).toContainText('Finished');
  expect(await importer.recentSources()).toEqual(['cdr-with-3-bad-rows.csv', 'november.csv']);
  await expect(importer.recentImport('november.csv')).toHaveAttribute('data-status', 'interrupted');
});
