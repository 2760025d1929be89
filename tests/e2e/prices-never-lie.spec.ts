import { readFile } from 'node:fs/promises';
import { expect, expectAccessible, test } from './fixtures';
import { CostDeckPage } from './pages/CostDeckPage';
import { PricingPreviewPanel } from './pages/PricingPreviewPanel';
import type { PackageFormPage } from './pages/PackageFormPage';
import type { PackagesPage } from './pages/PackagesPage';

// Issue 10, "prices that never lie": no cost is never a price of 0; USA and Canada under the
// provider's shared prefix 1 both stay in the deck; an import that imported nothing failed.

async function createPackage(packagesPage: PackagesPage, packageForm: PackageFormPage, name: string): Promise<void> {
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name, markupFixed: '0', markupPercent: '20', pulse: 60 });
  await packageForm.submit();
  await expect(packagesPage.heading).toHaveText(`Edit ${name}`);
}

test('a preview without a cost deck says what is missing and shows no price', async ({ page, appUrl, packagesPage, packageForm }) => {
  await createPackage(packagesPage, packageForm, 'Retail');
  const preview = new PricingPreviewPanel(page);
  await preview.price({ destination: '+49 30 123456', seconds: 60 });
  await expect(preview.priceUnknown).toContainText('No cost known for Germany (+49): import a cost deck or type the cost rate.');
  await expect(preview.priceUnknown).toContainText('Missing: a cost deck entry for Germany (+49) on the Value route, or a cost rate typed in the preview.');
  await expect(preview.figure('billed')).toHaveText('60 s');
  await expect(preview.figure('sell-rate')).toHaveCount(0);
  await expect(preview.figure('charge')).toHaveCount(0);
  await expect(preview.figure('cost')).toHaveText('Not known (no cost)');
  await expect(preview.figure('profit')).toHaveText('Not known (no cost)');
  await expect(preview.panel).not.toContainText('$0.0000');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/preview-no-cost.png', fullPage: true });

  // Typing the cost gives the price back: the guide's 0.01 at 20 % → 0.012.
  await preview.price({ destination: '+49 30 123456', seconds: 60, costRate: '0.01' });
  await expect(preview.figure('sell-rate')).toHaveText('$0.0120/min');
  await expect(preview.priceUnknown).toHaveCount(0);

  await preview.price({ destination: '+49 30 123456', seconds: 60 });
  await preview.priceUnknown.getByRole('link', { name: 'Open the cost deck' }).click();
  await expect(new CostDeckPage(page, appUrl).heading).toHaveText('Cost deck');
});

test('a deck with the USA and Canada both under 1 keeps both, and each number is priced at its own cost', async ({
  page,
  appUrl,
  packagesPage,
  packageForm,
}) => {
  const costs = new CostDeckPage(page, appUrl);
  await costs.goto();
  await costs.importCsv('Value', 'nanp.csv', 'destination,prefix,rate,increment\nUSA,1,0.0090,6\nCanada,1,0.0120,6\n');
  await expect(costs.importSummary).toHaveText('2 of 2 lines imported.');
  await expect(costs.routeRow('Value').locator('td').first()).toHaveText('2');
  await expect(costs.toast('Cost deck imported')).toBeVisible();

  await createPackage(packagesPage, packageForm, 'North America');
  const preview = new PricingPreviewPanel(page);
  // USA: 0.009 × 1.2 = 0.0108.
  await preview.price({ destination: '+1 212 555 0123', seconds: 60 });
  await expect(preview.figure('destination')).toHaveText('United States');
  await expect(preview.figure('cost')).toHaveText('$0.0090');
  await expect(preview.figure('sell-rate')).toHaveText('$0.0108/min');
  await expect(preview.panel).toContainText('USA, prefix 1');
  // Canada: 0.012 × 1.2 = 0.0144.
  await preview.price({ destination: '+1 613 555 0123', seconds: 60 });
  await expect(preview.figure('destination')).toHaveText('Canada');
  await expect(preview.figure('cost')).toHaveText('$0.0120');
  await expect(preview.figure('sell-rate')).toHaveText('$0.0144/min');
  await expect(preview.panel).toContainText('Canada, prefix 1');
  await page.screenshot({ path: 'test-results/preview-canada-own-cost.png', fullPage: true });
});

test('a deck with only bad lines is a failed import, with every reason, and the deck stays as it was', async ({ page, appUrl }) => {
  const costs = new CostDeckPage(page, appUrl);
  await costs.goto();
  await costs.importCsv('Value', 'good.csv', 'destination,prefix,rate,increment\nUnited Kingdom,44,0.0100,6\n');
  await expect(costs.routeRow('Value').locator('td').first()).toHaveText('1');

  await costs.importCsv('Value', 'bad.csv', 'destination,prefix,rate,increment\nBroken,4x4,0.01,6\nNegative,33,-0.01,6\nUSA,1514,0.01,6\n', true);
  await expect(costs.importFailure).toContainText('The import failed');
  await expect(costs.importFailure).toContainText('Nothing was imported: all 3 lines were refused. The Value deck is as it was.');
  await expect(costs.importSummary).toHaveText('0 of 3 lines imported; 3 lines were refused.');
  await expect(costs.rejectedRows.locator('td:first-child')).toHaveText(['2', '3', '4']);
  await expect(costs.rejectedRows.nth(0)).toContainText('prefix "4x4" is not digits');
  await expect(costs.rejectedRows.nth(1)).toContainText('rate cannot be negative');
  await expect(costs.rejectedRows.nth(2)).toContainText('prefix 1514 is an area code of Canada, but the line names United States');
  const toast = costs.toast('Cost deck not imported');
  await expect(toast).toBeVisible();
  await expect(toast).toHaveClass(/toast--error/);
  await expect(costs.toast('Cost deck imported')).toHaveCount(0);
  // "Replace" with nothing to put in its place removed nothing.
  await expect(costs.routeRow('Value').locator('td').first()).toHaveText('1');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/cost-import-failed.png', fullPage: true });
});

test('a price list row without a cost on the package’s route says "no cost", never a price of 0', async ({
  page,
  appUrl,
  packagesPage,
  packageForm,
}) => {
  const costs = new CostDeckPage(page, appUrl);
  await costs.goto();
  await costs.importCsv('Value', 'nanp.csv', 'destination,prefix,rate,increment\nUSA,1,0.0090,6\nCanada,1,0.0120,6\n');
  await expect(costs.importSummary).toHaveText('2 of 2 lines imported.');

  // Canada goes by the Premium route, whose deck is empty: Canada has no cost for this package.
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'Premium Canada', markupFixed: '0', markupPercent: '20', pulse: 60, canadaRoute: 'Premium' });
  await packageForm.submit();
  await expect(packagesPage.heading).toHaveText('Edit Premium Canada');
  const downloadPromise = page.waitForEvent('download');
  await packageForm.exportPriceListButton.click();
  const download = await downloadPromise;
  const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  expect(lines).toContain('USA,1,United States,0.01080000,60,markup,no');
  expect(lines).toContain('Canada,1,Canada,,60,"no cost: not in the Premium cost deck, the package\'s route there",no');
  expect(lines.filter((line) => line.includes(',0.00000000,'))).toEqual([]);
  await expect(packagesPage.toast('Price list exported')).toContainText('2 destinations; 1 without a price');
});
