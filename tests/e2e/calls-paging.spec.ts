import type { Request } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { CallListPage } from './pages/CallsPages';
import { callApi } from './pages/ClientUi';

interface ListInput {
  status?: string;
  limit?: number;
  offset?: number;
  clientId?: number;
}

/** The input of a `calls.list` request of the call table (its pages are 200 rows; the dashboard asks for 1). */
function tablePageInput(request: Request): ListInput | null {
  if (!request.url().endsWith('/api/calls.list')) return null;
  const input = (request.postDataJSON() as { input?: ListInput } | null)?.input ?? {};
  return input.limit === 200 ? input : null;
}

/** A promise and the function that settles it: a request held until the test lets it go. */
function gate(): { promise: Promise<unknown>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise((resolve) => {
    open = () => resolve(null);
  });
  return { promise, open };
}

/** The provider's call id of the call at this position of the list, as main orders it (newest first). */
async function callIdAt(page: CallListPage['page'], position: number): Promise<string> {
  const answer = await callApi<{ rows: { callId: string }[] }>(page, 'calls.list', { status: 'all', limit: 1, offset: position });
  return answer.rows[0]!.callId;
}

test('scrolling down the Global CDR reads the next pages one after the other; a jump starts at the rows in view and reads back up', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  // The later pages asked for (the first page is asked again whenever the list refreshes, e.g. on main's 'data.changed' of the demo).
  const offsets: number[] = [];
  page.on('request', (request) => {
    const offset = tablePageInput(request)?.offset ?? 0;
    if (offset > 0) offsets.push(offset);
  });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', await callIdAt(page, 0));

  // A screenful at a time past the first pages: each later row arrives, the right call at the right place.
  for (let position = 100; position <= 700; position += 100) {
    await list.scrollToRow(position);
    await expect(list.rowAt(position)).toHaveAttribute('data-call-id', /./);
    // The rows either side of a page boundary (199 | 200) are the calls main has there.
    for (const near of [position - 1, position]) await expect(list.rowAt(near)).toHaveAttribute('data-call-id', await callIdAt(page, near));
  }
  expect(offsets).toEqual([200, 400, 600]);
  expect(await list.rows.count()).toBeLessThan(80);

  // The keyboard walks the whole list: End reaches the oldest call, Home the newest.
  await list.rowAt(700).focus();
  await page.keyboard.press('End');
  await expect(list.rowAt(1499)).toBeFocused();
  await expect(list.rowAt(1499)).toHaveAttribute('data-call-id', await callIdAt(page, 1499));
  await page.keyboard.press('Home');
  await expect(list.rowAt(0)).toBeFocused();
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', await callIdAt(page, 0));

  // Opened afresh, a drag to the end reads the last page, not every page before it, then reads back up.
  offsets.length = 0;
  await page.reload();
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', /./);
  await list.scrollToEnd();
  await expect(list.rowAt(1499)).toHaveAttribute('data-call-id', await callIdAt(page, 1499));
  expect(offsets).toEqual([1400]);
  await list.scrollToRow(1250);
  await expect(list.rowAt(1250)).toHaveAttribute('data-call-id', await callIdAt(page, 1250));
  expect(offsets).toEqual([1400, 1200]);
  await expectAccessible(page);
});

test('a filter change never shows the other filter’s rows, even when an answer for the old filter comes late', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');

  // The unfiltered list's second page, and the filtered list's pages, are held until released.
  const held = { old: gate(), oldAsked: gate(), filtered: gate(), filteredAsked: gate() };
  await page.route('**/api/calls.list', async (route) => {
    const input = tablePageInput(route.request());
    if (input && input.clientId === undefined && input.offset === 200) {
      held.oldAsked.open();
      await held.old.promise;
    } else if (input && input.clientId !== undefined) {
      held.filteredAsked.open();
      await held.filtered.promise;
    }
    await route.continue();
  });
  await list.scrollToRow(210);
  await held.oldAsked.promise;

  await list.clientFilter.click();
  const option = page.getByRole('option').nth(1);
  const client = (await option.innerText()).trim();
  await option.click();
  const stopRecording = await list.recordClientsShown();
  await held.filteredAsked.promise;
  // While the client's first page is on its way, no call of the other filter is on screen.
  await expect(list.scrollRegion).toHaveAttribute('aria-busy', 'true');
  expect(await list.rows.count()).toBe(0);

  // The old filter's page answers late, then the client's: only the client's calls show.
  const lateAnswer = page.waitForResponse((response) => {
    const input = tablePageInput(response.request());
    return input !== null && input.clientId === undefined && input.offset === 200;
  });
  held.old.open();
  await lateAnswer;
  expect(await list.rows.count()).toBe(0);
  held.filtered.open();
  await expect(list.count).not.toHaveText('1,500 calls');
  await expect(list.rows.first()).toBeVisible();
  await expect(list.scrollRegion).toHaveAttribute('aria-busy', 'false');
  await list.scrollToEnd();
  await expect(list.rows.last()).toBeVisible();
  expect(await stopRecording()).toEqual([client]);
  const shown = await list.rows.locator('td:nth-child(2) .call-cell__sub').allInnerTexts();
  expect(new Set(shown)).toEqual(new Set([client]));

  // The filter is the window's own: it is still set after a visit to another page.
  await list.subnavLink('Import').click();
  await expect(list.heading).toHaveText('Import calls');
  await list.subnavLink('Call list').click();
  await expect(list.clientFilter).toHaveText(client);
  await expect(list.rows.first()).toBeVisible();
  expect(new Set(await list.rows.locator('td:nth-child(2) .call-cell__sub').allInnerTexts())).toEqual(new Set([client]));
});
