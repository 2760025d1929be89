import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, expectAccessible, test } from './fixtures';
import { CallListPage } from './pages/CallsPages';
import { callApi, reviewScreenshot } from './pages/ClientUi';

interface Totals {
  calls: number;
  cost: string;
  sell: string;
  profit: string;
}
interface ListPage {
  rows: { callId: string; clientName: string | null; charge: string }[];
  next: string | null;
}

/** "$1,234.56" for a decimal text of micros ("1234.560000"), as the window shows a total. */
const dollars = (text: string): string => {
  const value = Number(text);
  return `${value < 0 ? '-' : ''}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
};

test('on demo data: the Global CDR filtered by client and dates, its totals, its last page, and its CSV downloaded from the host', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'demo.load', { clients: 8, cdrs: 3000 });
  const clients = await callApi<{ id: number; name: string }[]>(page, 'clients.list', { status: 'open' });
  // The client with the most calls, over its busiest months.
  const counted = await Promise.all(clients.map(async (client) => ({ client, totals: await callApi<Totals>(page, 'calls.totals', { clientId: client.id }) })));
  const busiest = counted.sort((a, b) => b.totals.calls - a.totals.calls)[0]!.client;
  const filter = { clientId: busiest.id, from: '2026-06-01', to: '2026-11-30' };
  const expected = await callApi<Totals>(page, 'calls.totals', filter);
  expect(expected.calls).toBeGreaterThan(200);

  await page.reload();
  await list.filterByClient(busiest.name);
  await list.from.fill(filter.from);
  await list.to.fill(filter.to);
  await expect(list.count).toHaveText(`${expected.calls.toLocaleString('en-US')} calls`);
  await expect(list.total('calls')).toHaveText(expected.calls.toLocaleString('en-US'));
  await expect(list.total('cost')).toHaveText(dollars(expected.cost));
  await expect(list.total('sell')).toHaveText(dollars(expected.sell));
  await expect(list.total('profit')).toContainText(dollars(expected.profit).replace('-', ''));
  await expectAccessible(page);
  await reviewScreenshot(page, 'cdr-global');

  // The last page: the filter's oldest calls, reached from the other end.
  const oldest = await callApi<ListPage>(page, 'calls.list', { ...filter, order: 'oldest', limit: 1 });
  await list.lastPage.click();
  await expect(list.nextPage).toBeDisabled();
  await list.scrollToEnd();
  await expect(list.rows.last()).toHaveAttribute('data-call-id', oldest.rows[0]!.callId);

  // The CSV of the whole filter, streamed in main and downloaded once from the host.
  const download = page.waitForEvent('download');
  await list.exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`calls-client-${busiest.id}-from-${filter.from}-to-${filter.to}.csv`);
  await expect(list.exportOutcome).toHaveText(`Exported ${expected.calls.toLocaleString('en-US')} calls: ${file.suggestedFilename()} downloaded.`);
  const rows = parse(readFileSync((await file.path())!, 'utf8')) as string[][];
  expect(rows[0]).toEqual(['Date', 'Client', 'Sub account', 'Caller ID', 'Direction', 'Destination', 'Country', 'Description', 'Disposition', 'Duration (s)', 'Billed (s)', 'Cost', 'Sell', 'Profit', 'Priced by', 'Call ID']);
  expect(rows).toHaveLength(expected.calls + 1);
  expect(new Set(rows.slice(1).map((row) => row[1]))).toEqual(new Set([busiest.name]));
  const newest = await callApi<ListPage>(page, 'calls.list', { ...filter, limit: 1 });
  expect(rows[1]![15]).toBe(newest.rows[0]!.callId);
  expect(rows[1]![12]).toBe(newest.rows[0]!.charge);
  // Every sum of the file is the totals' (money as exact decimal strings: add them as integer micros).
  const micros = (column: number): bigint => rows.slice(1).reduce((sum, row) => sum + BigInt(row[column]!.replace('.', '')), 0n);
  expect(micros(11)).toBe(BigInt(expected.cost.replace('.', '')));
  expect(micros(12)).toBe(BigInt(expected.sell.replace('.', '')));
  expect(micros(13)).toBe(BigInt(expected.profit.replace('.', '')));
  // The address served once: asked again, it is not there.
  expect((await page.request.get(file.url())).status()).toBe(404);
});

test('a client’s CDR is reached from the client page, and both CDRs fit 1280 and 1024 px windows', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl, 'Client CDR');
  await list.goto();
  await callApi(page, 'demo.load', { clients: 6, cdrs: 1500 });
  const [client] = await callApi<{ id: number; name: string }[]>(page, 'clients.list', { status: 'open' });
  const totals = await callApi<Totals>(page, 'calls.totals', { clientId: client!.id });
  await list.open(`/clients/${client!.id}`);
  await page.getByRole('link', { name: 'Calls (CDR)' }).click();
  await expect(list.heading).toHaveText(`Calls of ${client!.name}`);
  await expect(list.count).toHaveText(`${totals.calls.toLocaleString('en-US')} calls`);
  await expect(list.rows.first()).toBeVisible();
  expect(new Set(await list.rows.locator('td:nth-child(2) .call-cell__sub').allInnerTexts())).toEqual(new Set([client!.name]));
  // No client to choose here: the client is the page's.
  await expect(list.clientFilter).toHaveCount(0);
  await expectAccessible(page);

  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(list.rows.first()).toBeVisible();
    // The page itself never scrolls sideways (the table scrolls in its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await reviewScreenshot(page, `cdr-client-${width}`);
  }
  await list.goto();
  await page.setViewportSize({ width: 1024, height: 900 });
  await expect(list.rows.first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(list.exportButton).toBeInViewport();
  await reviewScreenshot(page, 'cdr-global-1024');
});
