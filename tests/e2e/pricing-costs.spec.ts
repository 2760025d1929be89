import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { CostDeckPage } from './pages/CostDeckPage';
import { PackageRatesPanel } from './pages/PackageRatesPanel';
import { PricingPreviewPanel } from './pages/PricingPreviewPanel';

// The provider's export, with a BOM, CRLF line ends and four broken lines (5 to 8).
const VALUE_DECK = [
  '\uFEFFDestination,Prefix,Rate,Increment',
  'United Kingdom,44,0.0100,6',
  'United Kingdom - Mobile,447,0.0400,6',
  '"Canada - Quebec, Montreal",1514,0.0035,6',
  'Broken,4x4,0.01,6',
  'Negative,33,-0.01,6',
  'France,33,abc,6',
  'Germany,49,0.0150,0',
  'Germany,49,0.0150,60',
].join('\r\n');
const PREMIUM_DECK = 'destination,prefix,rate,increment\nCanada - Quebec,1514,0.0050,6\n';

/** Calls the host's API the way the page does (the per-run token sits in the served page). */
async function callApi<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ channel, input }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="rc-api-token"]')?.content ?? '';
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rc-token': token },
        body: JSON.stringify({ input }),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    { channel, input },
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'failed'}`);
  return result.value as T;
}

test('the cost deck imports good lines, lists refused ones by line number, and feeds previews and price lists', async ({
  page,
  appUrl,
  packagesPage,
  packageForm,
}) => {
  test.setTimeout(180_000);
  const costs = new CostDeckPage(page, appUrl);
  await packagesPage.goto();
  await page.getByRole('main').getByRole('link', { name: 'Cost deck' }).click();
  await expect(costs.heading).toHaveText('Cost deck');
  await expect(costs.routeRow('Value')).toContainText('Never imported');
  await expectAccessible(page);

  await costs.importButton.click();
  await expect(costs.page.locator('.field__error')).toHaveText('Choose the CSV file to import');

  await costs.importCsv('Value', 'value-deck.csv', VALUE_DECK);
  await expect(costs.importSummary).toHaveText('4 of 8 lines imported; 4 lines were refused.');
  await expect(costs.rejectedRows.locator('td:first-child')).toHaveText(['5', '6', '7', '8']);
  await expect(costs.rejectedRows.nth(0)).toContainText('prefix "4x4" is not digits');
  await expect(costs.rejectedRows.nth(1)).toContainText('cannot be negative');
  await expect(costs.routeRow('Value').locator('td').first()).toHaveText('4');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/package-cost-deck.png', fullPage: true });

  await costs.importCsv('Premium', 'premium-deck.csv', PREMIUM_DECK);
  await expect(costs.importSummary).toHaveText('1 of 1 lines imported.');
  await expect(costs.routeRow('Premium').locator('td').first()).toHaveText('1');

  // A CSV without the needed columns is refused whole.
  await costs.importCsv('Value', 'wrong.csv', 'name,price\nUK,0.01\n');
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toContainText('missing: destination, prefix, rate');
  await expect(costs.routeRow('Value').locator('td').first()).toHaveText('4');

  // A package on the Premium Canada route, with a custom rate for UK mobiles.
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'Business 6s', markupFixed: '0.001', markupPercent: '20', pulse: 6, canadaRoute: 'Premium' });
  await packageForm.submit();
  // A new package opens at once: its custom rates need it saved.
  await expect(packagesPage.heading).toHaveText('Edit Business 6s');
  await packageForm.openTab('Edit rates');
  const rates = new PackageRatesPanel(page);
  await rates.add({ scope: 'Calling code', value: '447', rate: '0.09' });
  await rates.save();
  await expect(packagesPage.toast('Custom rates saved')).toBeVisible();

  // No cost typed: the preview reads the cost deck of the route.
  const preview = new PricingPreviewPanel(page);
  await preview.price({ destination: '447700900123', seconds: 60 });
  await expect(preview.figure('cost')).toHaveText('$0.0400');
  await expect(preview.figure('charge')).toHaveText('$0.0900');
  await expect(preview.panel).toContainText('United Kingdom - Mobile');

  // Inbound on a DID: the DID's rate, the same 6-second pulse (61 s → 66 s); 0.01 × 66 / 60 = 0.011.
  await preview.price({ destination: '514 555 0123', seconds: 61, inbound: true, didRate: '0.01' });
  await expect(preview.figure('sell-rate')).toHaveText('$0.0100/min');
  await expect(preview.figure('billed')).toHaveText('66 s');
  await expect(preview.figure('charge')).toHaveText('$0.0110');
  await expect(preview.explanation).toContainText('Inbound calls are sold at the DID');

  const downloadPromise = page.waitForEvent('download');
  await packageForm.exportPriceListButton.click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('price-list-Business-6s.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('destination,prefix,country,rate_per_minute,billing_increment_seconds,price_source,free_zone');
  // Canada from the Premium deck: (0.005 + 0.001) × 1.2 = 0.0072; the UK from Value: (0.01 + 0.001) × 1.2 = 0.0132.
  expect(lines).toContain('Canada - Quebec,1514,Canada,0.00720000,6,markup,no');
  expect(lines).toContain('United Kingdom,44,United Kingdom,0.01320000,6,markup,no');
  expect(lines).toContain('United Kingdom - Mobile,447,United Kingdom,0.09000000,6,custom rate: +447 (United Kingdom),no');
  expect(lines).toHaveLength(5);
  await expect(packagesPage.toast('Price list exported')).toContainText('4 destinations');
});

test('a price list without a cost deck explains what to do', async ({ packagesPage, packageForm }) => {
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'No deck', markupFixed: '0', markupPercent: '10' });
  await packageForm.submit();
  // A new package opens at once: its custom rates need it saved.
  await expect(packagesPage.heading).toHaveText('Edit No deck');
  await packageForm.exportPriceListButton.click();
  await expect(packagesPage.toast('No price list exported')).toContainText('import the provider’s rates first');
});

test('archived packages are hidden until asked for, and open read-only', async ({ page, packagesPage, packageForm }) => {
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'Old retail', markupFixed: '0', markupPercent: '10' });
  await packageForm.submit();
  await expect(packagesPage.heading).toHaveText('Edit Old retail');
  await packagesPage.goto();
  await expect(packagesPage.row('Old retail')).toBeVisible();

  // Once connected to a client, a package keeps history: deleting it archives it.
  const packages = await callApi<{ id: number; name: string }[]>(page, 'packages.list', {});
  const client = await callApi<{ id: number }>(page, 'clients.create', {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    balanceMode: 'soft',
  });
  const nextMonth = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10);
  const connected = await callApi<{ id: number }[]>(page, 'clients.connectPackage', {
    clientId: client.id,
    packageId: packages[0]!.id,
    nextBillingDate: nextMonth,
  });
  await callApi(page, 'clients.disconnectPackage', { id: connected[0]!.id });

  await packagesPage.delete('Old retail');
  await expect(packagesPage.toast('Package archived')).toBeVisible();
  await expect(packagesPage.rows).toHaveCount(0);
  await page.reload();
  await expect(packagesPage.emptyState).toBeVisible();

  await page.getByRole('checkbox', { name: 'Show archived' }).check();
  await expect(packagesPage.row('Old retail')).toContainText('Archived');
  await expect(packagesPage.row('Old retail').getByRole('button', { name: 'Delete Old retail' })).toHaveCount(0);
  await expectAccessible(page);
  await packagesPage.row('Old retail').getByRole('link', { name: 'View Old retail' }).click();
  await expect(packagesPage.heading).toHaveText('Old retail (archived)');
  await expect(page.getByRole('main')).toContainText('Archived: kept so that calls already rated keep their prices');
  await expect(packageForm.submitButton).toBeDisabled();
});
