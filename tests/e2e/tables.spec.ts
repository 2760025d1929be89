import { expect, expectAccessible, test } from './fixtures';
import { callApi } from './pages/ClientUi';
import { ClientsListPage } from './pages/ClientsListPage';
import { DidsPage } from './pages/DidsPage';
import { PackageRatesPanel } from './pages/PackageRatesPanel';

/** The names in the first column of a table, top to bottom. */
const packageNames = (page: import('@playwright/test').Page) => page.getByRole('main').getByRole('table').locator('tbody th a').allInnerTexts();

test.describe('Tables', () => {
  test('a header button sorts by its column, by click or by keyboard, and says so in aria-sort', async ({ page, packagesPage }) => {
    await packagesPage.goto();
    await callApi(page, 'packages.create', { name: 'Alpha', markupFixed: '0', markupPercent: '10', pulseSeconds: 60 });
    await callApi(page, 'packages.create', { name: 'Bravo', markupFixed: '0', markupPercent: '10', pulseSeconds: 1 });
    await callApi(page, 'packages.create', { name: 'Charlie', markupFixed: '0', markupPercent: '10', pulseSeconds: 6 });
    await page.reload();
    await expect(packagesPage.rows).toHaveCount(3);
    expect(await packageNames(page)).toEqual(['Alpha', 'Bravo', 'Charlie']);

    const table = packagesPage.table;
    const pulseHeader = table.getByRole('columnheader', { name: 'Pulse' });
    await expect(pulseHeader).toHaveAttribute('aria-sort', 'none');
    await table.getByRole('button', { name: 'Pulse' }).click();
    await expect(pulseHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => packageNames(page)).toEqual(['Bravo', 'Charlie', 'Alpha']);

    await table.getByRole('button', { name: 'Pulse' }).press('Enter');
    await expect(pulseHeader).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => packageNames(page)).toEqual(['Alpha', 'Charlie', 'Bravo']);

    await table.getByRole('button', { name: 'Name' }).press('Space');
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(pulseHeader).toHaveAttribute('aria-sort', 'none');
    await expect.poll(() => packageNames(page)).toEqual(['Alpha', 'Bravo', 'Charlie']);
    // A column that does not sort has no button and no aria-sort.
    await expect(table.getByRole('columnheader', { name: 'Routes' })).not.toHaveAttribute('aria-sort', /.*/);
    await expectAccessible(page);
  });

  test('Tab reaches the rows, arrow keys move between them and Enter opens the focused one', async ({ page, packagesPage }) => {
    await packagesPage.goto();
    for (const name of ['Alpha', 'Bravo', 'Charlie']) await callApi(page, 'packages.create', { name, markupFixed: '0', markupPercent: '10', pulseSeconds: 60 });
    await page.reload();
    await expect(packagesPage.rows).toHaveCount(3);

    // The last header button, then Tab: the first row is the table's one stop in the Tab order.
    await packagesPage.table.getByRole('button', { name: 'Custom rates' }).focus();
    await page.keyboard.press('Tab');
    await expect(packagesPage.rows.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(packagesPage.rows.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(packagesPage.rows.nth(2)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(packagesPage.rows.nth(2)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(packagesPage.rows.nth(0)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(packagesPage.rows.nth(1)).toHaveAttribute('tabindex', '0');
    await expect(packagesPage.rows.nth(0)).toHaveAttribute('tabindex', '-1');
    await expectAccessible(page);

    await page.keyboard.press('Enter');
    await expect(packagesPage.heading).toHaveText('Edit Bravo');
  });

  test('the custom rates table is made of controls: Tab walks them and the arrow keys stay theirs', async ({ page, packagesPage }) => {
    await packagesPage.goto();
    const pkg = await callApi<{ id: number }>(page, 'packages.create', { name: 'Rates', markupFixed: '0', markupPercent: '10', pulseSeconds: 60 });
    await callApi(page, 'packages.saveRates', {
      packageId: pkg.id,
      rates: [
        { scope: 'prefix', value: '44', rate: '0.02' },
        { scope: 'prefix', value: '33', rate: '0.03' },
      ],
    });
    await packagesPage.open(`/packages/${pkg.id}/rates`);
    const rates = new PackageRatesPanel(page);
    await expect(rates.rows).toHaveCount(2);
    // No row is a stop of its own: the controls inside are.
    await expect(rates.row(1)).not.toHaveAttribute('tabindex', /.*/);

    await rates.rateInput(1).focus();
    await page.keyboard.press('ArrowDown');
    await expect(rates.rateInput(1)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(rates.freeZone(1)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'Description, row 1' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Remove row 1' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(rates.scopeSelect(2)).toBeFocused();
    // The arrow keys open the type list instead of moving to another row.
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('option', { name: 'Country', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(rates.scopeSelect(2)).toHaveText(/Calling code/);
    await expectAccessible(page);
  });

  test('the client list keeps main’s sort behind the same header buttons, and Enter on a row opens Manage', async ({ page, appUrl }) => {
    const list = new ClientsListPage(page, appUrl);
    await list.open('/clients');
    await callApi(page, 'clients.create', { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', balanceMode: 'soft' });
    const zed = await callApi<{ id: number }>(page, 'clients.create', { firstName: 'Zed', lastName: 'Ola', email: 'zed@example.com', balanceMode: 'soft' });
    await callApi(page, 'clients.payment', { clientId: zed.id, amount: '5' });
    await page.reload();
    await expect(list.rows).toHaveCount(2);

    await list.sortButton('Balance').press('Enter');
    await expect(list.columnHeader('Balance')).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => list.names()).toEqual(['Ann Lee', 'Zed Ola']);
    await list.sortButton('Balance').press('Space');
    await expect(list.columnHeader('Balance')).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(() => list.names()).toEqual(['Zed Ola', 'Ann Lee']);
    await expectAccessible(page);

    await list.rows.nth(0).focus();
    await page.keyboard.press('ArrowDown');
    await expect(list.rows.nth(1)).toBeFocused();
    await page.keyboard.press(' ');
    await expect(list.heading).toHaveText('Ann Lee');
  });

  test('the DID inventory sorts by number until another column is chosen', async ({ page, appUrl }) => {
    const dids = new DidsPage(page, appUrl);
    await dids.open('/dids');
    await dids.importList(['+15145550102, Quebec City', '+15145550101, Montreal'].join('\n'));
    await expect(dids.rows).toHaveCount(2);
    const numberHeader = dids.table.getByRole('columnheader', { name: 'Number' });
    await expect(numberHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(dids.rows.nth(0)).toContainText('Montreal');
    await dids.table.getByRole('button', { name: 'Number' }).click();
    await expect(numberHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(dids.rows.nth(0)).toContainText('Quebec City');
    await dids.table.getByRole('button', { name: 'Description' }).click();
    await expect(dids.table.getByRole('columnheader', { name: 'Description' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(dids.rows.nth(0)).toContainText('Montreal');
    await expectAccessible(page);
  });
});
