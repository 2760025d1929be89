import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { formatDay } from '../../preload/common/dates';
import { expect, expectAccessible, test } from './fixtures';
import { CallListPage, CallsImportPage } from './pages/CallsPages';
import { ClientManagePage, type LedgerLine } from './pages/ClientManagePage';
import { ClientsListPage } from './pages/ClientsListPage';
import { callApi, daysFromToday, reviewScreenshot, todayIso } from './pages/ClientUi';

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';

/** One answered call of sub account alice to the UK at a cost of 0.05 a minute (0.06 to Alice: 20 % markup, pulse 60). */
function ukCall(day: string, seconds: number, id: string): Buffer {
  const line = `${day} 10:00:00,"""Alice"" <5145550100>",447700900123,Outgoing to UK,100000_alice,ANSWERED,00:00:00,${seconds},0.05000000,0.05000000,${id}`;
  return Buffer.from(`${HEADER}\n${line}\n`);
}

async function importCalls(page: Page, appUrl: string, name: string, file: Buffer): Promise<void> {
  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  await importer.importFile({ name, mimeType: 'text/csv', buffer: file });
  await expect(importer.heading2('Import finished')).toBeVisible();
  await expect(importer.count('rated')).toHaveText('1');
  // Back to an empty import form for the next file.
  await importer.importAnotherButton.click();
  await expect(importer.startButton).toBeVisible();
}

/** "$24.82" / "-$0.12" / "+$5.00" → cents. */
const cents = (shown: string): number => {
  const match = /^([+-])?\$([\d,]+)\.(\d{2})$/.exec(shown);
  if (!match) throw new Error(`Not an amount to 2 decimals: "${shown}"`);
  const value = Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
};

/** Newest first, each balance is the one below plus the line's own amount: the balance never jumps. */
function expectNoJumps(lines: readonly LedgerLine[]): void {
  for (let index = 0; index < lines.length - 1; index += 1) {
    expect(cents(lines[index]!.balance), `line ${index + 1}: ${JSON.stringify(lines[index])}`).toBe(cents(lines[index + 1]!.balance) + cents(lines[index]!.amount));
  }
}

test('the ledger reads like a statement: a late call’s daily charge takes its place by date, filters, CSV export, amounts to the rule', async ({ page, appUrl }) => {
  const today = todayIso();
  const yesterday = daysFromToday(-1);
  const lateDay = daysFromToday(-3);
  const manage = new ClientManagePage(page, appUrl);
  await manage.open('/clients');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '29.95', setupFee: '4.5' });
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.payment', { clientId: alice.id, amount: '20' });
  await callApi(page, 'subaccounts.create', { username: 'alice', clientId: alice.id, packageId: pkg.id, nextBillingDate: daysFromToday(10), chargeSetupNow: true });
  await importCalls(page, appUrl, 'yesterday.csv', ukCall(yesterday, 60, 'call-yesterday'));
  await callApi(page, 'clients.payment', { clientId: alice.id, amount: '5', description: 'Paid at the desk' });
  // The provider delivers a call of three days ago late: the newest entry, yet it applies to that day.
  await importCalls(page, appUrl, 'late.csv', ukCall(lateDay, 120, 'call-late'));

  await manage.goto(alice.id);
  await expect(manage.ledgerCount).toHaveText('5 entries');
  await expect(manage.ledgerRows).toHaveCount(5);
  const lines = await manage.ledgerLines();
  expect(lines.map(({ date, kind, amount, balance }) => [date, kind, amount, balance])).toEqual([
    [formatDay(today), 'Payment', '+$5.00', '$20.32'],
    [formatDay(today), 'Setup fee', '-$4.50', '$15.32'],
    [formatDay(today), 'Payment', '+$20.00', '$19.82'],
    [formatDay(yesterday), 'Calls', '-$0.06', '-$0.18'],
    [formatDay(lateDay), 'Calls', '-$0.12', '-$0.12'],
  ]);
  expectNoJumps(lines);
  // The statement ends at the client's balance, to 2 decimals like every balance.
  await expect(manage.balance).toHaveText('$20.32');
  await expectAccessible(page);
  await reviewScreenshot(page, 'client-ledger');

  // By kind: the calls only, each keeping the balance it has in the whole ledger.
  await manage.filterLedgerByKind('Calls');
  await expect(manage.ledgerCount).toHaveText('2 entries');
  await expect(manage.ledgerRows).toHaveCount(2);
  expect((await manage.ledgerLines()).map(({ date, amount, balance }) => [date, amount, balance])).toEqual([
    [formatDay(yesterday), '-$0.06', '-$0.18'],
    [formatDay(lateDay), '-$0.12', '-$0.12'],
  ]);

  // CSV export: the filtered rows, exact amounts.
  const downloadPromise = page.waitForEvent('download');
  await manage.exportLedgerButton.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('ledger-Alice-Martin-calls.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const csvLines = csv.trim().split('\n');
  expect(csvLines[0]).toBe('date,kind,description,amount,balance,entry,reversed_by');
  expect(csvLines.slice(1).map((line) => line.split(',').slice(0, 2).concat(line.split(',').slice(-4, -2)))).toEqual([
    [yesterday, 'Calls', '-0.060000', '-0.180000'],
    [lateDay, 'Calls', '-0.120000', '-0.120000'],
  ]);
  await expect(manage.toast('Ledger exported')).toContainText('2 entries');

  // By period: one day, every kind.
  await manage.filterLedgerByKind('All kinds');
  await manage.ledgerFrom.fill(yesterday);
  await manage.ledgerTo.fill(yesterday);
  await expect(manage.ledgerCount).toHaveText('1 entry');
  expect((await manage.ledgerLines()).map(({ kind, amount, balance }) => [kind, amount, balance])).toEqual([['Calls', '-$0.06', '-$0.18']]);
  await manage.ledgerClearFilters.click();
  await expect(manage.ledgerCount).toHaveText('5 entries');

  // One rule everywhere: the client list's balance and the package fee to 2 decimals, a call's charge to 4.
  const list = new ClientsListPage(page, appUrl);
  await list.goto();
  await expect(await list.cell('Alice Martin', 'Balance')).toHaveText('$20.32');
  const calls = new CallListPage(page, appUrl);
  await calls.goto();
  await expect(calls.call('call-late')).toBeVisible();
  await expect(await calls.cell(calls.call('call-late'), 'Sell')).toHaveText('$0.1200');
  await expect(await calls.cell(calls.call('call-yesterday'), 'Sell')).toHaveText('$0.0600');
});

test('a long history scrolls: the ledger is read a page at a time and keeps its order and balances', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  // A page that shows no money, so the payments below refresh nothing on screen.
  await manage.open('/settings');
  const bob = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' });
  // 250 payments of $1.00: more than a page of 200.
  for (let index = 0; index < 250; index += 1) await callApi(page, 'clients.payment', { clientId: bob.id, amount: '1' });

  await manage.goto(bob.id);
  await expect(manage.ledgerCount).toHaveText('250 entries');
  await expect(manage.ledgerRows.first()).toContainText('$250.00');
  const region = manage.ledgerCard.getByRole('region', { name: 'Ledger, by date, newest first' });
  // Fewer rows in the page than in the ledger: a screenful, not the history.
  expect(await manage.ledgerRows.count()).toBeLessThan(100);
  await region.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const oldest = manage.ledgerCard.locator('tbody tr[aria-rowindex="251"]');
  await expect(oldest).toContainText('+$1.00');
  await expect(oldest.locator('td').nth(4)).toHaveText('$1.00');
  expectNoJumps(await manage.ledgerLines());
});
