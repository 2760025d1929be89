import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from './fixtures';
import { startHeadlessHost, type RunningHeadlessHost } from './host';
import { callApi } from './pages/ClientUi';
import { answerNextOpenDialog } from './pages/HostPicker';

/**
 * Issue 14: the window as the desktop app shows it when main has an Open dialog: files are
 * chosen there, the window holds a grant (never a path), and main reads the file — a CDR
 * file imported from where it is, a logo checked by its bytes, a DID list, a restore.
 */
const test = base.extend<{ host: RunningHeadlessHost }>({
  // Playwright's fixture signature needs the destructuring pattern even when nothing is used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHeadlessHost({ testPicker: true });
    try {
      await use(host);
    } finally {
      await host.stop();
    }
  },
});

const folder = mkdtempSync(join(tmpdir(), 'rc-e2e-dialogs-'));
const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';

test('CDR import, logo and DID list chosen with the Open dialog; a cancel changes nothing', async ({ page, appUrl }) => {
  await page.goto(`${appUrl}#/calls/import`);
  const choose = page.getByRole('button', { name: 'Choose a file…' });
  await expect(choose).toBeVisible();
  // The browser's own file field is not offered where main has a dialog.
  await expect(page.locator('input[type="file"]')).toHaveCount(0);

  // Cancelled: no file, and starting says so.
  await answerNextOpenDialog(page, null);
  await choose.click();
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByText('Choose a file to import')).toBeVisible();

  const cdr = join(folder, 'november.csv');
  writeFileSync(cdr, [HEADER, ...[1, 2, 3].map((k) => `2026-11-20 10:0${k}:00,5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:01:00,60,0.01000000,0.01000000,dialog-${k}`)].join('\n'));
  await answerNextOpenDialog(page, cdr);
  await choose.click();
  await expect(page.getByText('november.csv')).toBeVisible();
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Calls imported' }).first()).toBeVisible();
  expect((await callApi<{ calls: number }>(page, 'calls.totals', {})).calls).toBe(3);

  // A program renamed .png is refused by main from its bytes; a real PNG becomes the logo.
  await page.goto(`${appUrl}#/settings/invoices`);
  const chooseImage = page.getByRole('button', { name: 'Choose an image…' });
  const program = join(folder, 'setup.png');
  writeFileSync(program, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]));
  await answerNextOpenDialog(page, program);
  await chooseImage.click();
  await expect(page.getByText('setup.png is not a PNG or JPEG image.')).toBeVisible();
  const logo = join(folder, 'logo.png');
  writeFileSync(logo, readFileSync(join(import.meta.dirname, 'fixtures', 'invoice-logo.png')));
  await answerNextOpenDialog(page, logo);
  await chooseImage.click();
  await expect(page.getByTestId('logo-preview').locator('img')).toBeVisible();

  // The logo is an edit of the form, not saved yet: leaving asks first.
  await page.goto(`${appUrl}#/dids`);
  await page.getByRole('alertdialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving' }).click();

  // A DID list fills the form from the file; importing it is the usual step.
  const list = join(folder, 'dids.txt');
  writeFileSync(list, '+1 514 555 0101, Montreal main\n5145550102\n');
  await answerNextOpenDialog(page, list);
  await page.getByRole('button', { name: 'Fill from a file…' }).click();
  await expect(page.getByLabel('Numbers')).toHaveValue('+1 514 555 0101, Montreal main\n5145550102\n');
  await page.getByRole('button', { name: 'Import numbers' }).click();
  await expect(page.getByTestId('import-added')).toHaveText('2');
});

test('restore from a backup chosen with the Open dialog', async ({ page, appUrl, host }) => {
  await page.goto(`${appUrl}#/settings/backup`);
  await expect(page.getByRole('button', { name: 'Choose a backup…' })).toBeVisible();
  await callApi(page, 'clients.create', { firstName: 'Ana', lastName: 'Dialog', email: 'ana@example.com', balanceMode: 'soft' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now…' }).click();
  const saved = join(folder, 'saved.db');
  await (await download).saveAs(saved);
  await callApi(page, 'clients.create', { firstName: 'Bruno', lastName: 'Dialog', email: 'bruno@example.com', balanceMode: 'soft' });
  await answerNextOpenDialog(page, saved);
  await page.getByRole('button', { name: 'Choose a backup…' }).click();
  const confirm = page.getByRole('alertdialog').or(page.getByRole('dialog'));
  await expect(confirm).toContainText('saved.db holds 1 client and 0 calls');
  await confirm.getByRole('button', { name: 'Replace my data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from saved.db' }).first()).toBeVisible();
  const names = (await callApi<{ name: string }[]>(page, 'clients.list', {})).map((client) => client.name);
  expect(names).toEqual(['Ana Dialog']);
  expect(host.url).toContain('127.0.0.1');
});
