import { expect, expectAccessible, test } from './fixtures';
import { callApi, reviewScreenshot } from './pages/ClientUi';
import { downloadedText, ReportsPage } from './pages/ReportsPage';

interface Money {
  revenue: string;
  profit: string;
}
interface DashboardView {
  thisMonth: Money & { month: string; activeClients: number; seconds: number };
  topClients: { label: string }[];
}
interface FinancialView {
  months: (Money & { month: string; deposits: string })[];
  total: Money;
}
interface DidView {
  rows: { number: string; clientName: string | null; calls: number }[];
}

/** A drawn chart's plot (not its legend's icons). */
const PLOT = 'figure .recharts-wrapper > svg.recharts-surface';

const dollars = (text: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfExpand' }).format(text as unknown as number);

test.beforeEach(async ({ page, dashboard }) => {
  test.setTimeout(240_000);
  await dashboard.goto();
  // A small demo reseller: a year of billing and calls (through the real import).
  await callApi(page, 'demo.load', { clients: 12, cdrs: 4000, seed: 5 });
});

test('the dashboard shows this month against the last, charts with their data as CSV, and clients below their threshold', async ({ page, dashboard }) => {
  const figures = await callApi<DashboardView>(page, 'reports.dashboard');
  await dashboard.goto();
  await expect(page.getByTestId('month-revenue')).toHaveText(dollars(figures.thisMonth.revenue));
  await expect(page.getByTestId('month-profit')).toHaveText(dollars(figures.thisMonth.profit));
  await expect(page.getByTestId('month-active-clients')).toHaveText(String(figures.thisMonth.activeClients));
  await expect(page.getByTestId('month-asr')).toHaveText(/^\d+\.\d\d %$/);
  // Profit by month, top destinations, top clients: three drawn charts (SVG), no empty state.
  await expect(page.locator(PLOT)).toHaveCount(3);
  await expect(page.getByTestId('chart-empty')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Top clients by profit' })).toContainText(figures.topClients[0]!.label);
  await expect(page.getByRole('region', { name: 'Clients below their threshold' })).toBeVisible();
  // The existing cards are still there.
  await expect(page.getByRole('region', { name: 'Calls' })).toBeVisible();
  await expect(dashboard.installation).toBeVisible();

  const csv = await downloadedText(page, () => page.getByRole('button', { name: 'Export the data of “Profit by month” as CSV' }).click());
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe('Month,Revenue,Provider cost,Profit');
  expect(lines).toHaveLength(13);
  expect(lines[12]).toBe(`${figures.thisMonth.month},${figures.thisMonth.revenue},${(lines[12] ?? '').split(',')[2]},${figures.thisMonth.profit}`);

  // The plot is a keyboard stop of its own.
  await page.locator(PLOT).first().focus();
  await expect(page.locator(PLOT).first()).toBeFocused();
  await expectAccessible(page);
  await reviewScreenshot(page, 'dashboard-business');
  await page.setViewportSize({ width: 1024, height: 800 });
  await reviewScreenshot(page, 'dashboard-business-1024');
});

test('the financial report: a year by default, filtered by months, charts drawn, table and chart exported as CSV', async ({ page, appUrl }) => {
  const reports = new ReportsPage(page, appUrl);
  await reports.goto();
  await expect(reports.heading).toHaveText('Reports');
  await expect(reports.tab('Financial')).toHaveAttribute('aria-selected', 'true');
  await expect(reports.rows).toHaveCount(12);
  await expect(reports.charts).toHaveCount(2);
  await expect(reports.totalRow).toContainText('Total');
  await expectAccessible(page);
  await reviewScreenshot(page, 'reports-financial');

  const to = await reports.field('To').inputValue();
  const [year, month] = to.split('-').map(Number) as [number, number];
  const from = month > 2 ? `${year}-${String(month - 2).padStart(2, '0')}` : `${year - 1}-${String(month + 10).padStart(2, '0')}`;
  await reports.field('From').fill(from);
  await expect(reports.rows).toHaveCount(3);
  const report = await callApi<FinancialView>(page, 'reports.financial', { from, to });
  await expect(reports.totalRow).toContainText(dollars(report.total.revenue));

  const table = await downloadedText(page, () => reports.exportButton.click());
  expect(table.name).toBe(`financial-${from}-to-${to}.csv`);
  const lines = table.text.trim().split('\n');
  expect(lines[0]).toMatch(/^Month,Calls,Package fees,DID fees,Setup fees,Manual charges,Revenue,.*Deposits,Provider cost,Profit,Margin %$/);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...report.months.map((row) => row.month), 'Total']);
  expect(lines.at(-1)).toContain(report.total.revenue);

  const deposits = await downloadedText(page, () => reports.chartCsvButton('Deposits').click());
  expect(deposits.text.trim().split('\n')).toEqual(['Month,Deposits', ...report.months.map((row) => `${row.month},${row.deposits}`)]);

  await page.setViewportSize({ width: 1024, height: 800 });
  await reports.field('From').fill(`${year - 1}-${String(month).padStart(2, '0')}`);
  await expect(reports.rows).toHaveCount(13);
  await reviewScreenshot(page, 'reports-financial-1024');
});

test('the sub accounts and DID reports: searched, month chosen, totals, CSV of what is shown', async ({ page, appUrl }) => {
  const reports = new ReportsPage(page, appUrl);
  await reports.goto();
  await reports.tab('Sub accounts').click();
  await expect(reports.rows.first()).toBeVisible();
  const all = await reports.rows.count();
  expect(all).toBeGreaterThan(1);
  const first = (await reports.rows.first().locator('th').textContent()) ?? '';
  await reports.search.fill(first);
  const found = page.getByRole('status').filter({ hasText: `of ${all} sub accounts` });
  await expect(found).toBeVisible();
  const shown = Number((await found.textContent())?.split(' ')[0]);
  expect(shown).toBeLessThan(all);
  const subaccounts = await downloadedText(page, () => reports.exportButton.click());
  const subLines = subaccounts.text.trim().split('\n');
  expect(subLines[0]).toBe('Client,Sub account,Description,Package,DIDs');
  expect(subLines).toHaveLength(shown + 1);
  expect(subLines.some((line) => line.split(',')[1] === first)).toBe(true);
  await expectAccessible(page);

  await reports.tab('DIDs').click();
  const month = await reports.field('Month').inputValue();
  const dids = await callApi<DidView>(page, 'reports.dids', { month });
  const busiest = [...dids.rows].sort((a, b) => b.calls - a.calls)[0]!;
  expect(busiest.calls).toBeGreaterThan(0);
  await expect(reports.rows.first()).toBeVisible();
  await expect(reports.totalRow).toContainText('Total');
  await reviewScreenshot(page, 'reports-dids');
  await reports.search.fill(busiest.number);
  await expect(reports.rows).toHaveCount(1);
  await expect(reports.totalRow).toContainText(busiest.calls.toLocaleString('en-US'));
  await reviewScreenshot(page, 'reports-subaccounts-dids-searched');
  const csv = await downloadedText(page, () => reports.exportButton.click());
  expect(csv.name).toBe(`dids-${month}.csv`);
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe('DID,Client,Package,Per-minute rate,Monthly fee,Calls,Minutes,Revenue');
  expect(lines).toHaveLength(2);
  expect(lines[1]!.split(',').slice(0, 1)).toEqual([busiest.number]);
  expect(lines[1]!.split(',')[5]).toBe(String(busiest.calls));
  await expectAccessible(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await reports.search.fill('');
  await reviewScreenshot(page, 'reports-dids-1024');
});
