import { expect, type Locator, type Page } from '@playwright/test';

/** Picks an option of a Radix select (a combobox button and a listbox in a portal). */
export async function chooseOption(page: Page, combobox: Locator, option: string | RegExp): Promise<void> {
  await combobox.click();
  await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).click();
}

/** The error shown under a control, found through the nearest field that holds it. */
export function fieldErrorOf(control: Locator): Locator {
  return control.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " field ")][1]').locator('.field__error');
}

interface ApiAnswer<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

/**
 * Calls a channel the way the app's own api shim does (POST /api/<channel> with the page's
 * token), for setting up data that another page owns (packages) or checking the database.
 */
export async function callApi<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ name, payload }) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="rc-api-token"]')?.content ?? '';
      const response = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rc-token': token },
        body: JSON.stringify(payload === undefined ? {} : { input: payload }),
      });
      return (await response.json()) as ApiAnswer<unknown>;
    },
    { name: channel, payload: input },
  );
  if (!answer.ok) throw new Error(`${channel} failed: ${answer.error?.message ?? 'no message'}`);
  return answer.value as T;
}

/** Today on the app's clock (the e2e browser and host both run in UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A full-page screenshot for review, from the top and without the toasts of earlier steps. */
export async function reviewScreenshot(page: Page, name: string, fullPage = true): Promise<void> {
  // With a modal open, a click on a toast would close the modal instead: leave toasts alone then.
  const modalOpen = (await page.getByRole('dialog').or(page.getByRole('alertdialog')).count()) > 0;
  if (!modalOpen) {
    const dismissButtons = page.getByRole('button', { name: 'Dismiss notification' });
    // In one step inside the page: a toast also closes by itself, and one gone between a count and a click would leave the click waiting.
    await dismissButtons.evaluateAll((buttons) => {
      for (const button of buttons) (button as HTMLButtonElement).click();
    });
    await expect(dismissButtons).toHaveCount(0);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/${name}.png`, fullPage });
}
