import type { Page } from '@playwright/test';

/**
 * The headless host's test clock (main/host/testClock.ts; a host started with
 * `startHeadlessHost({ testClock: true })`): moves the host's "now" to `instant` and lets
 * its billing scheduler look at the calendar, as its midnight timer would. Answers what
 * the scheduler did (null when the day had already been billed).
 */
export async function moveHostClock<T>(page: Page, instant: string): Promise<T> {
  const answer = await page.evaluate(async (now) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="rc-api-token"]')?.content ?? '';
    const response = await fetch('/test/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rc-token': token },
      body: JSON.stringify({ now }),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } } };
  }, instant);
  if (answer.status !== 200 || !answer.body.ok) throw new Error(`moving the host clock failed (${answer.status}): ${answer.body.error?.message ?? ''}`);
  return answer.body.value as T;
}
