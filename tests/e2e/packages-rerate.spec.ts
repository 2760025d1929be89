import { expect, expectAccessible, test } from './fixtures';
import { CallsImportPage } from './pages/CallsPages';
import { ClientManagePage } from './pages/ClientManagePage';
import { callApi, daysFromToday, reviewScreenshot, todayIso } from './pages/ClientUi';
import { PackageRatesPanel } from './pages/PackageRatesPanel';
import { RerateCard } from './pages/RerateCard';

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';

/** Two answered calls of sub account alice to a Montreal number, today (the open cycle starts today). */
function montrealCalls(): Buffer {
  const today = todayIso();
  const lines = [
    HEADER,
    `${today} 00:00:01,"""Alice"" <5145550100>",15145551234,Outgoing to Canada - Montreal,100000_alice,ANSWERED,00:01:01,61,0.01000000,0.01020000,rerate-1`,
    `${today} 00:05:00,"""Alice"" <5145550100>",15145551234,Outgoing to Canada - Montreal,100000_alice,ANSWERED,00:00:30,30,0.01000000,0.00500000,rerate-2`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}

test('a changed Canada rate re-rates the open cycle: preview per client, apply, balance follows', async ({ page, appUrl }) => {
  const manage = new ClientManagePage(page, appUrl);
  await manage.open('/packages');
  // Pulse 60 with a Canada custom rate of 0.02 a minute, not a free zone: every minute is charged.
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  await callApi(page, 'packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'canada', value: '', rate: '0.02', freeZone: false }] });
  const alice = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'soft' });
  await callApi(page, 'clients.payment', { clientId: alice.id, amount: '10' });
  await callApi(page, 'subaccounts.create', { username: 'alice', clientId: alice.id, packageId: pkg.id, nextBillingDate: daysFromToday(30) });

  const importer = new CallsImportPage(page, appUrl);
  await importer.goto();
  await importer.importFile({ name: 'montreal.csv', mimeType: 'text/csv', buffer: montrealCalls() });
  await expect(importer.heading2('Import finished')).toBeVisible();
  await expect(importer.count('rated')).toHaveText('2');

  // 61 s → 2 minutes and 30 s → 1 minute at 0.02: 0.06 charged.
  await manage.goto(alice.id);
  await expect(manage.balance).toHaveText('$9.94');

  await manage.open(`/packages/${pkg.id}/rates`);
  const rates = new PackageRatesPanel(page);
  await expect(rates.rateInput(1)).toHaveValue('0.0200');
  await rates.rateInput(1).fill('0.03');
  await rates.save();
  await expect(manage.toast('Custom rates saved')).toBeVisible();

  const rerate = new RerateCard(page);
  await expect(rerate.card).toContainText('Only open billing cycles change');
  await expect(rerate.applyButton).toHaveCount(0);
  await rerate.previewButton.click();
  const row = rerate.row('Alice Martin');
  await expect(rerate.figure(row, 'Calls')).toHaveText('2');
  await expect(rerate.figure(row, 'Before')).toHaveText('$0.0600');
  await expect(rerate.figure(row, 'After')).toHaveText('$0.0900');
  await expect(rerate.figure(row, 'Difference')).toHaveText('+$0.0300');
  await expect(rerate.figure(rerate.totalRow, 'Difference')).toHaveText('+$0.0300');
  await expect(rerate.summary).toHaveText('2 calls of 1 client in open cycles. Clients will be charged $0.0300 more in total.');
  await expectAccessible(page);
  await reviewScreenshot(page, 'package-rerate');

  await rerate.applyButton.click();
  await expect(rerate.confirmDialog).toContainText('2 calls in open billing cycles');
  await expect(rerate.confirmDialog).toContainText('Closed and invoiced cycles do not change');
  await expectAccessible(page);
  await rerate.confirmButton.click();
  await expect(manage.toast('Open cycles re-rated')).toContainText('Clients were charged $0.0300 more in total.');
  await expect(rerate.confirmDialog).toHaveCount(0);
  await expect(rerate.summary).toHaveText(/^Applied: 2 calls of 1 client/);
  await expect(rerate.applyButton).toHaveCount(0);

  // Applied once: a second preview finds nothing left to change.
  await rerate.previewButton.click();
  await expect(rerate.figure(row, 'Difference')).toHaveText('$0.0000');
  await expect(rerate.figure(row, 'After')).toHaveText('$0.0900');

  await row.getByRole('link', { name: 'Alice Martin' }).click();
  await expect(manage.heading).toHaveText('Alice Martin');
  await expect(manage.balance).toHaveText('$9.91');
});

test('a package no open cycle uses has nothing to re-rate', async ({ page, shell }) => {
  await shell.open('/packages');
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Unused', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  await shell.open(`/packages/${pkg.id}`);
  const rerate = new RerateCard(page);
  await rerate.previewButton.click();
  await expect(rerate.summary).toHaveText('No calls in open cycles use this package.');
  await expect(rerate.table).toHaveCount(0);
  await expect(rerate.applyButton).toHaveCount(0);
  await expectAccessible(page);
});
