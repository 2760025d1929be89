import Database from 'better-sqlite3';
import { fillBalanceToLimit } from '../helpers/seed';
import { expect, expectAccessible, test } from './fixtures';
import { CallsImportPage } from './pages/CallsPages';
import { callApi, daysFromToday } from './pages/ClientUi';

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';

/** A portal CSV of `count` answered calls on a sub account nobody has here (so rating stays cheap). */
function bigCsv(count: number): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(Math.floor(i / 60) % 24).padStart(2, '0');
    lines.push(`2026-10-${String(1 + (i % 28)).padStart(2, '0')} ${hour}:${minute}:00,"""Bulk"" <5145550100>",15145550142,Outgoing to Canada - Montreal,100000_bulk,ANSWERED,00:01:00,60,0.00950000,0.00950000,bulk-${i}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

test('a file larger than 8 MB streams through in slices: every line counted and the calls in the list', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  const file = bigCsv(70_000);
  expect(file.length).toBeGreaterThan(8_000_000);
  await importer.importFile({ name: 'bulk.csv', mimeType: 'text/csv', buffer: file });
  await expect(importer.progressBar).toBeVisible();
  await expect(importer.heading2('Import finished')).toBeVisible({ timeout: 120_000 });
  await expect(importer.progressBar).toHaveAttribute('aria-valuenow', '100');
  await expect(importer.count('lines')).toHaveText('70,001');
  await expect(importer.count('unrated')).toHaveText('70,000');
  await importer.subnavLink('Call list').click();
  // The count heads the card; a page still loading below it is a second status.
  await expect(importer.main.getByRole('region', { name: 'Global CDR' }).getByRole('status').first()).toHaveText('70,000 calls');
});

test('a missing file is asked for, and a file that is not a CDR export is explained', async ({ page, appUrl }) => {
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  await importer.startButton.click();
  await expect(importer.main.getByText('Choose a file to import')).toBeVisible();
  await expectAccessible(page);

  await importer.importFile({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from('name,phone\nBob,5145550100\n') });
  await expect(importer.heading2('Import failed')).toBeVisible();
  await expect(importer.main.getByTestId('import-status')).toContainText('The CSV header has no date');
  await expect(importer.problem).toHaveCount(0);
  await expectAccessible(page);
  await importer.importAnotherButton.click();
  await expect(importer.startButton).toBeEnabled();
});

test('a streamed import shows its progress and can be cancelled; the calls committed before are kept', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  // Hold the third slice on its way to main, so the cancel lands mid-import every time.
  let slices = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/calls.importChunk', async (route) => {
    slices += 1;
    if (slices === 3) await held;
    await route.continue();
  });
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  await importer.importFile({ name: 'bulk.csv', mimeType: 'text/csv', buffer: bigCsv(70_000) });
  await expect(importer.heading2('Importing')).toBeVisible();
  await expect(importer.progressBar).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);
  await expectAccessible(page);
  await importer.cancelButton.click();
  release();
  await expect(importer.heading2('Import cancelled')).toBeVisible({ timeout: 120_000 });
  const kept = Number((await importer.count('unrated').innerText()).replace(/,/g, ''));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(70_000);
  await importer.subnavLink('Call list').click();
  await expect(importer.main.getByRole('region', { name: 'Global CDR' }).getByRole('status').first()).toHaveText(`${kept.toLocaleString('en-US')} calls`);
});

test('a UTF-16LE export (with its BOM) imports as text, not garbled', async ({ page, appUrl }) => {
  const csv = [
    HEADER,
    '2026-10-01 09:00:00,"""Zoë"" <5145550100>",15145550142,Outgoing to Canada - Montréal,100000_zoe,ANSWERED,00:01:00,60,0.00950000,0.00950000,utf16-1',
    '2026-10-01 09:05:00,"""Zoë"" <5145550100>",15145550143,Outgoing to Canada - Québec,100000_zoe,ANSWERED,00:00:30,30,0.00950000,0.00475000,utf16-2',
    '2026-10-01 09:10:00,"""Zoë"" <5145550100>",15145550144,Outgoing to Canada - Montréal,100000_zoe,ANSWERED,00:00:10,10,0.00950000,0.00158333,utf16-3',
  ].join('\r\n');
  const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${csv}\r\n`, 'utf16le')]);
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  await importer.importFile({ name: 'excel-unicode.csv', mimeType: 'text/csv', buffer: file });
  await expect(importer.heading2('Import finished')).toBeVisible({ timeout: 60_000 });
  // Progress counts the file's bytes, not the UTF-8 size of its text.
  await expect(importer.progressBar).toHaveAttribute('aria-valuenow', '100');
  await expect(importer.count('lines')).toHaveText('4');
  await expect(importer.count('rejected')).toHaveText('0');
  await expect(importer.count('unrated')).toHaveText('3');
  await importer.subnavLink('Call list').click();
  const list = importer.main.getByRole('region', { name: 'Global CDR' });
  await expect(list.getByRole('status').first()).toHaveText('3 calls');
  await expect(list.getByText('Outgoing to Canada - Québec')).toBeVisible();
  await expect(list.getByText('Outgoing to Canada - Montréal')).toHaveCount(2);
});

test('an import finishes for everyone when one client is at the balance limit, and says whose call charges wait', async ({ page, appUrl, host }) => {
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Basic', markupFixed: '0.01', markupPercent: '0', pulseSeconds: 60 });
  const accountOf = async (firstName: string, username: string) => {
    const client = await callApi<{ id: number }>(page, 'clients.create', { firstName, lastName: 'Test', email: `${username}@example.com`, balanceMode: 'soft' });
    const sub = await callApi<{ account: string }>(page, 'subaccounts.create', { username, clientId: client.id, packageId: pkg.id, nextBillingDate: daysFromToday(20) });
    return { id: client.id, account: sub.account };
  };
  const full = await accountOf('Alice', 'alice1');
  const fine = await accountOf('Bob', 'bob1');
  const database = new Database(host.databasePath);
  try {
    fillBalanceToLimit(database, full.id, daysFromToday(-2));
  } finally {
    database.close();
  }
  const day = daysFromToday(-1);
  const csv = [HEADER, `${day} 10:00:00,,15145550142,Outgoing,${full.account},ANSWERED,00:01:00,60,0.01,0.01,limit-1`, `${day} 11:00:00,,15145550142,Outgoing,${fine.account},ANSWERED,00:01:00,60,0.01,0.01,limit-2`].join('\n');
  await importer.importFile({ name: 'limit.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
  await expect(importer.heading2('Import finished')).toBeVisible({ timeout: 60_000 });
  await expect(importer.main.getByTestId('import-message')).toContainText(/Call charges of 1 client-day were not posted.*Alice Test/);
  await expect(importer.toast('Calls imported, with a warning')).toBeVisible();
  // Bob's call reached his balance all the same.
  const bob = await callApi<{ balance: string }>(page, 'clients.get', { id: fine.id });
  expect(bob.balance).toBe('-0.020000');
});
