import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { PackageRatesPanel } from './pages/PackageRatesPanel';
import { PricingPreviewPanel } from './pages/PricingPreviewPanel';

const shootTab = async (page: Page, name: string): Promise<void> => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/package-tab-${name}.png`, fullPage: true });
};

const EVERY_TAB = {
  name: 'Business 6s',
  markupFixed: '0.001',
  markupPercent: '20',
  pulse: 6,
  canadaRoute: 'Premium',
  internationalRoute: 'Value',
  freeOnNet: true,
  monthlyFee: '19.99',
  setupFee: '25',
  freeMinutes: '100',
  userCanEditSubaccount: true,
  editableFields: ['Password', 'Allowed codecs', 'NAT'],
  configurationType: 'Package configuration',
  viewSetting: 'Simple view',
  services: ['Order DIDs', 'Voicemail', 'SMS/MMS'],
} as const;

test('a package with every tab filled, custom rates for Canada and the UK, and price previews', async ({ packagesPage, packageForm }) => {
  test.setTimeout(180_000);
  const page = packagesPage.page;
  const rates = new PackageRatesPanel(page);
  const preview = new PricingPreviewPanel(page);

  await packagesPage.open('/packages/new');
  await packageForm.fill(EVERY_TAB);
  await packageForm.openTab('Edit rates');
  await expect(page.getByRole('heading', { name: 'Create the package first' })).toBeVisible();
  await packageForm.openTab('General');
  await packageForm.submit();

  await expect(packagesPage.toast('Package created')).toBeVisible();
  await expect(packagesPage.heading).toHaveText('Edit Business 6s');
  await packagesPage.goto();
  await expect(packagesPage.rows).toHaveCount(1);
  await expect(await packagesPage.cell('Business 6s', 'Routes')).toHaveText('CA Premium · Intl Value');
  await expect(await packagesPage.cell('Business 6s', 'Markup')).toHaveText('$0.0010/min + 20%');
  await expect(await packagesPage.cell('Business 6s', 'Monthly fee')).toHaveText('$19.99');
  await expect(await packagesPage.cell('Business 6s', 'Free min')).toHaveText('100');
  await expect(await packagesPage.cell('Business 6s', 'Custom rates')).toHaveText('0');

  // Everything came back from the database, tab by tab.
  await packagesPage.edit('Business 6s');
  await page.reload();
  await expect(packagesPage.heading).toHaveText('Edit Business 6s');
  await expect(packageForm.markupFixed).toHaveValue('0.0010');
  await expect(packageForm.markupPercent).toHaveValue('20');
  await expect(packageForm.pulseSelect).toHaveText(/6 s/);
  await expect(packageForm.routeChoice('Canada route', 'Premium')).toBeChecked();
  await expect(packageForm.routeChoice('International route', 'Value')).toBeChecked();
  await expect(packageForm.freeOnNet).toBeChecked();
  await expectAccessible(page);
  await shootTab(page, 'general');

  await packageForm.openTab('Fees');
  await expect(packageForm.monthlyFee).toHaveValue('19.99');
  await expect(packageForm.setupFee).toHaveValue('25.00');
  await expect(page.getByText('Fees are charged for whole months; no proration.')).toBeVisible();
  await expectAccessible(page);
  await shootTab(page, 'fees');

  await packageForm.openTab('Free minutes');
  await expect(packageForm.freeMinutes).toHaveValue('100');
  await expect(page.getByRole('main')).toContainText('a call of 3 min 11 s spends 4 free minutes');
  await expectAccessible(page);
  await shootTab(page, 'free-minutes');

  await packageForm.openTab('System configuration');
  await expect(packageForm.userCanEditSubaccount).toBeChecked();
  expect(await packageForm.checkedLabels(packageForm.editableFields)).toEqual(['Password', 'Allowed codecs', 'NAT']);
  await expect(packageForm.choice('Type of configuration', 'Package configuration')).toBeChecked();
  await expect(packageForm.choice('View setting', 'Simple view')).toBeChecked();
  expect(await packageForm.checkedLabels(packageForm.services)).toEqual(['Order DIDs', 'Voicemail', 'SMS/MMS']);
  await expectAccessible(page);
  await shootTab(page, 'system');

  // Free minutes → "Edit rates tab" link opens the rates.
  await packageForm.openTab('Free minutes');
  await page.getByRole('button', { name: 'Edit rates tab' }).click();
  await expect(packageForm.tab('Edit rates')).toHaveAttribute('aria-selected', 'true');
  await expect(rates.emptyState).toBeVisible();
  await rates.add({ scope: 'Canada', rate: '0.005', freeZone: true, description: 'Canada flat rate' });
  await rates.add({ scope: 'Calling code', value: '44', rate: '0.02', description: 'UK landlines' });
  await rates.add({ scope: 'Calling code', value: '447', rate: '0.09', description: 'UK mobiles' });
  await rates.save();
  await expect(packagesPage.toast('Custom rates saved')).toBeVisible();
  await expect(rates.savedLabel(1)).toHaveText('Canada');
  await expect(rates.savedLabel(2)).toHaveText('+44 (United Kingdom)');
  await expect(rates.savedLabel(3)).toHaveText('+447 (United Kingdom)');

  // 61 s in 6 s pulses → 66 s; 0.09 × 66 / 60 = 0.099; the provider's 0.05 × 66 / 60 = 0.055.
  await preview.price({ destination: '+44 7700 900123', seconds: 61, costRate: '0.05' });
  await expect(preview.figure('sell-rate')).toHaveText('$0.0900/min');
  await expect(preview.figure('billed')).toHaveText('66 s');
  await expect(preview.figure('charge')).toHaveText('$0.0990');
  await expect(preview.figure('cost')).toHaveText('$0.0550');
  await expect(preview.figure('profit')).toHaveText('$0.0440');
  await expect(preview.figure('destination')).toHaveText('United Kingdom');
  await expect(preview.explanation).toContainText('+447 (United Kingdom)');

  // Montreal is in the Canada free zone: 61 s spends 2 of the 100 free minutes, so it costs the client nothing.
  await preview.price({ destination: '514 555 0123', seconds: 61, costRate: '0.0035' });
  await expect(preview.figure('sell-rate')).toHaveText('$0.0050/min');
  await expect(preview.figure('free')).toHaveText('2 min (61 s)');
  await expect(preview.figure('billed')).toHaveText('0 s');
  await expect(preview.figure('charge')).toHaveText('$0.0000');
  await expect(preview.explanation).toContainText('Canada (free zone)');
  await expectAccessible(page);
  await shootTab(page, 'rates');

  // Without free minutes the same call is billed: 66 s × 0.005 / 60 = 0.0055.
  await packageForm.fill({ freeMinutes: '0' });
  await expect(preview.panel).toContainText('save your changes');
  await packageForm.submit();
  await expect(packagesPage.toast('Package saved')).toBeVisible();
  await preview.price({ destination: '514 555 0123', seconds: 61, costRate: '0.0035' });
  await expect(preview.figure('free')).toHaveCount(0);
  await expect(preview.figure('billed')).toHaveText('66 s');
  await expect(preview.figure('charge')).toHaveText('$0.0055');

  await packagesPage.goto();
  await expect(await packagesPage.cell('Business 6s', 'Custom rates')).toHaveText('3');
  await expect(await packagesPage.cell('Business 6s', 'Free min')).toHaveText('0');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/packages-list.png', fullPage: true });

  // The custom rate count opens the Edit rates tab directly.
  await (await packagesPage.cell('Business 6s', 'Custom rates')).getByRole('link').click();
  await expect(packageForm.tab('Edit rates')).toHaveAttribute('aria-selected', 'true');
  await expect(rates.rows).toHaveCount(3);
});

test('an error on another tab marks that tab, and the summary opens it and focuses the field', async ({ packagesPage, packageForm }) => {
  await packagesPage.open('/packages/new');
  await packageForm.fill({ name: 'Cross-tab', monthlyFee: '-5', freeMinutes: '1.5' });
  await packageForm.openTab('General');
  await packageForm.submit();

  await expect(packageForm.errorSummary).toBeFocused();
  await expect(packageForm.tab('Fees')).toHaveAccessibleName('Fees (1 error)');
  await expect(packageForm.tab('Free minutes')).toHaveAccessibleName('Free minutes (1 error)');
  await expect(packageForm.tab('General')).toHaveAccessibleName('General');
  await expectAccessible(packageForm.page);

  await packageForm.summaryLink(/Monthly fee cannot be negative/).click();
  await expect(packageForm.tab('Fees')).toHaveAttribute('aria-selected', 'true');
  await expect(packageForm.monthlyFee).toBeFocused();
  await expect(packageForm.errorFor(packageForm.monthlyFee)).toHaveText('Monthly fee cannot be negative');

  await packageForm.summaryLink(/Free minutes/).click();
  await expect(packageForm.freeMinutes).toBeFocused();
  await expect(packageForm.freeMinutes).toHaveAccessibleDescription(/whole number/);
  await packageForm.page.screenshot({ path: 'test-results/package-tab-errors.png', fullPage: true });

  await packagesPage.goto();
  // The refused form still holds what was typed: leaving asks first (issue 10).
  await packagesPage.leaveWithoutSaving();
  await expect(packagesPage.emptyState).toBeVisible();
});
