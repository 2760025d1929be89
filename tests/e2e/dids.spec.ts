import { expect, expectAccessible, test } from './fixtures';
import { callApi, reviewScreenshot } from './pages/ClientUi';
import { DidsPage } from './pages/DidsPage';

test('the DID inventory: add by hand, refuse bad and duplicate numbers, import a pasted list', async ({ page, appUrl }) => {
  const dids = new DidsPage(page, appUrl);
  await dids.open('/');
  await dids.navigateTo('DIDs');
  await expect(dids.heading).toHaveText('DIDs');
  await expect(dids.navLink('DIDs')).toHaveAttribute('aria-current', 'page');
  await expect(dids.emptyState).toBeVisible();
  await expectAccessible(page);

  await dids.add('514-555-0101', 'Montreal main');
  await expect(dids.toast('DID added')).toBeVisible();
  await expect(dids.row('+1 514 555 0101')).toContainText('Montreal main');
  await expect(dids.row('+1 514 555 0101')).toContainText('Available');
  await expect(dids.number).toHaveValue('');

  await dids.add('12ab');
  await expect(dids.errorFor(dids.number)).toHaveText(/E\.164/);
  await expect(dids.number).toHaveAttribute('aria-invalid', 'true');
  await dids.add('+15145550101');
  await expect(dids.errorFor(dids.number)).toHaveText('+15145550101 is already in your DID inventory');
  await expect(dids.rows).toHaveCount(1);
  await expectAccessible(page);

  await dids.importList(['+15145550102, Quebec City', '5145550101', 'hello', '', '+44 20 7946 0958, London'].join('\n'));
  await expect(dids.count('import-added')).toHaveText('2');
  await expect(dids.count('import-already-there')).toHaveText('1');
  await expect(dids.count('import-rejected')).toHaveText('1');
  await expect(dids.rejectedLines).toHaveText(['Line 3: "hello" is not a phone number']);
  await expect(dids.rows).toHaveCount(3);
  await expect(dids.row('+442079460958')).toContainText('London');

  // Who a number rings for shows up once it is assigned from a client's page.
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  const client = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft' });
  const [connection] = await callApi<{ id: number }[]>(page, 'clients.connectPackage', { clientId: client.id, packageId: pkg.id, nextBillingDate: '2099-01-01' });
  await callApi(page, 'dids.assign', { number: '15145550102', clientPackageId: connection!.id, minuteRate: '0.01', monthlyFee: '1' });
  await page.reload();
  await expect(dids.row('+1 514 555 0102').getByRole('link', { name: 'Bob Stone' })).toBeVisible();
  await expectAccessible(page);
  await reviewScreenshot(page, 'dids');
  await dids.row('+1 514 555 0102').getByRole('link', { name: 'Bob Stone' }).click();
  await expect(dids.heading).toHaveText('Bob Stone');
});

test('the inventory shows each number’s client, package and rates; it is searched, edited, and an unassigned number removed', async ({ page, appUrl }) => {
  const dids = new DidsPage(page, appUrl);
  await dids.goto();
  await callApi(page, 'dids.import', { text: '5145550101,Front desk\n5145550102,Spare\n4165550100,Toronto' });
  const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
  const client = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Valérie', lastName: 'Roy', email: 'v@example.com', balanceMode: 'soft' });
  const [connection] = await callApi<{ id: number }[]>(page, 'clients.connectPackage', { clientId: client.id, packageId: pkg.id, nextBillingDate: '2099-01-01' });
  await callApi(page, 'dids.assign', { number: '15145550101', clientPackageId: connection!.id, minuteRate: '0.01', monthlyFee: '2.5' });
  await page.reload();

  await expect(dids.rows).toHaveCount(3);
  await expect(await dids.cell('+1 514 555 0101', 'Package')).toHaveText('Basic');
  await expect(await dids.cell('+1 514 555 0101', 'Per minute')).toHaveText('$0.0100/min');
  await expect(await dids.cell('+1 514 555 0101', 'Monthly')).toHaveText('$2.50');
  await expect(await dids.cell('+1 514 555 0102', 'Per minute')).toHaveText('—');
  await expectAccessible(page);
  await reviewScreenshot(page, 'dids-inventory');

  await dids.search.fill('valerie');
  await expect(dids.rows).toHaveCount(1);
  await expect(dids.row('+1 514 555 0101')).toBeVisible();
  await dids.search.fill('416');
  await expect(dids.rows).toHaveCount(1);
  await dids.search.fill('spare');
  await expect(dids.row('+1 514 555 0102')).toBeVisible();
  await dids.search.fill('');
  await expect(dids.rows).toHaveCount(3);

  await dids.edit('+1 514 555 0101', { description: 'Reception', minuteRate: '0.015', monthlyFee: '3' });
  await expect(dids.toast('DID saved')).toBeVisible();
  await expect(dids.row('+1 514 555 0101')).toContainText('Reception');
  await expect(await dids.cell('+1 514 555 0101', 'Per minute')).toHaveText('$0.0150/min');
  await expect(await dids.cell('+1 514 555 0101', 'Monthly')).toHaveText('$3.00');

  // An assigned number cannot be removed; a free one can, after a confirmation.
  await expect(dids.removeButton('+1 514 555 0101')).toBeDisabled();
  await dids.removeButton('+1 514 555 0102').click();
  await expect(dids.confirmDialog).toContainText('gave back to the provider');
  await dids.confirmDialog.getByRole('button', { name: 'Remove DID' }).click();
  await expect(dids.toast('DID removed')).toBeVisible();
  await expect(dids.rows).toHaveCount(2);
  await page.reload();
  await expect(dids.rows).toHaveCount(2);
  await expect(dids.row('+1 514 555 0102')).toHaveCount(0);
});
