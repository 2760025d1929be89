import type { Page } from '@playwright/test';

/**
 * The headless host's test Open dialog (main/host/testPicker.ts; a host started with
 * `startHeadlessHost({ testPicker: true })`): what the next dialog answers — a path, or null
 * for a cancel. The window never sees it: it gets a grant, as from the desktop app's dialog.
 */
export async function answerNextOpenDialog(page: Page, path: string | null): Promise<void> {
  const status = await page.evaluate(async (chosen) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="rc-api-token"]')?.content ?? '';
    const response = await fetch('/test/pick', { method: 'POST', headers: { 'content-type': 'application/json', 'x-rc-token': token }, body: JSON.stringify({ path: chosen }) });
    return response.status;
  }, path);
  if (status !== 200) throw new Error(`answering the Open dialog failed (${status})`);
}
