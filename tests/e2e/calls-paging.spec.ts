import type { Request } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { CallListPage } from './pages/CallsPages';
import { callApi } from './pages/ClientUi';

interface ListInput {
  limit?: number;
  offset?: number;
  clientId?: number;
  seek?: unknown;
}

interface Page200 {
  rows: { callId: string }[];
  previous: string | null;
  next: string | null;
}

/** The input of a `calls.list` request of the call table (its pages are 200 rows). */
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

test('the Global CDR pages by keyset: next, previous, last (from the other end), first; never by offset', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  const seeks: unknown[] = [];
  page.on('request', (request) => {
    const input = tablePageInput(request);
    if (input) {
      expect(input.offset).toBeUndefined();
      seeks.push(input.seek ?? 'first');
    }
  });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');
  await expect(list.pagePlace).toHaveText('Calls 1–200 of 1,500');
  // main's own pages, walked through the channel: what each page of the table must show.
  const first = await callApi<Page200>(page, 'calls.list', { limit: 200 });
  const second = await callApi<Page200>(page, 'calls.list', { limit: 200, seek: { after: first.next } });
  const oldest = await callApi<Page200>(page, 'calls.list', { limit: 200, order: 'oldest' });
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', first.rows[0]!.callId);
  await expect(list.table).toHaveAttribute('aria-rowcount', '201');
  await expect(list.firstPage).toBeDisabled();
  await expect(list.previousPage).toBeDisabled();

  // Within a page the table is virtualised: the end of the page scrolls in, few rows are drawn.
  await list.scrollToEnd();
  await expect(list.rowAt(199)).toHaveAttribute('data-call-id', first.rows[199]!.callId);
  expect(await list.rows.count()).toBeLessThan(80);
  // The keyboard walks the page: End reaches its last call, Home its first.
  await list.rowAt(199).focus();
  await page.keyboard.press('Home');
  await expect(list.rowAt(0)).toBeFocused();
  await page.keyboard.press('End');
  await expect(list.rowAt(199)).toBeFocused();

  await list.nextPage.click();
  await expect(list.pagePlace).toHaveText('Calls 201–400 of 1,500');
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', second.rows[0]!.callId);
  await expect(list.previousPage).toBeEnabled();

  // While the last page is on its way, the rows on screen are still 201–400, and so is their label.
  const lastHeld = { answer: gate(), asked: gate() };
  await page.route('**/api/calls.list', async (route) => {
    if (tablePageInput(route.request())?.seek === 'last') {
      lastHeld.asked.open();
      await lastHeld.answer.promise;
    }
    await route.continue();
  });
  // The last page is read from the other end: the oldest 200 calls, the very oldest at the bottom.
  await list.lastPage.click();
  await lastHeld.asked.promise;
  await expect(list.pagePlace).toHaveText('Calls 201–400 of 1,500');
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', second.rows[0]!.callId);
  lastHeld.answer.open();
  await expect(list.pagePlace).toHaveText('Calls 1,301–1,500 of 1,500');
  // Another page starts at its top (the oldest list's 200th call: the last page is that list
  // the other way round); once it is there, its end scrolls in.
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', oldest.rows[199]!.callId);
  await list.scrollToEnd();
  await expect(list.rowAt(199)).toHaveAttribute('data-call-id', oldest.rows[0]!.callId);
  await expect(list.nextPage).toBeDisabled();
  await expect(list.lastPage).toBeDisabled();
  await list.previousPage.click();
  await expect(list.pagePlace).toHaveText('Calls 1,101–1,300 of 1,500');
  // The 200 calls just newer than the last page: the oldest list's second page, the other way round.
  const olderSecond = await callApi<Page200>(page, 'calls.list', { limit: 200, order: 'oldest', seek: { after: oldest.next } });
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', olderSecond.rows[199]!.callId);
  await list.scrollToEnd();
  await expect(list.rowAt(199)).toHaveAttribute('data-call-id', olderSecond.rows[0]!.callId);
  await list.firstPage.click();
  await expect(list.pagePlace).toHaveText('Calls 1–200 of 1,500');
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', first.rows[0]!.callId);
  expect(seeks).toEqual(expect.arrayContaining(['first', { after: first.next }, 'last']));
  expect(seeks.some((seek) => typeof seek === 'object' && seek !== null && 'before' in seek)).toBe(true);

  // Oldest first: the same calls the other way round.
  await list.viewButton('Oldest first').click();
  await expect(list.rowAt(0)).toHaveAttribute('data-call-id', oldest.rows[0]!.callId);
  await expect(list.pagePlace).toHaveText('Calls 1–200 of 1,500');
  await expectAccessible(page);
});

test('a filter change never shows the other filter’s rows, even when an answer for the old filter comes late', async ({ page, appUrl }) => {
  test.setTimeout(180_000);
  const list = new CallListPage(page, appUrl);
  await list.goto();
  await callApi(page, 'demo.load', { clients: 8, cdrs: 1500 });
  await page.reload();
  await expect(list.count).toHaveText('1,500 calls');

  // The unfiltered list's next page, and the filtered list's pages, are held until released.
  const held = { old: gate(), oldAsked: gate(), filtered: gate(), filteredAsked: gate() };
  const isNextPage = (input: ListInput | null): boolean => input !== null && input.clientId === undefined && typeof input.seek === 'object';
  await page.route('**/api/calls.list', async (route) => {
    const input = tablePageInput(route.request());
    if (isNextPage(input)) {
      held.oldAsked.open();
      await held.old.promise;
    } else if (input && input.clientId !== undefined) {
      held.filteredAsked.open();
      await held.filtered.promise;
    }
    await route.continue();
  });
  await list.nextPage.click();
  await held.oldAsked.promise;

  await list.clientFilter.click();
  const option = page.getByRole('option').nth(1);
  const client = (await option.innerText()).trim();
  await option.click();
  const stopRecording = await list.recordClientsShown();
  await held.filteredAsked.promise;
  // While the client's first page is on its way, no call of the other filter is on screen.
  await expect(page.getByText('Loading calls…')).toBeVisible();
  expect(await list.rows.count()).toBe(0);

  // The old filter's page answers late, then the client's: only the client's calls show.
  const lateAnswer = page.waitForResponse((response) => isNextPage(tablePageInput(response.request())));
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
