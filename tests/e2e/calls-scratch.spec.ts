import { expect, test } from './fixtures';
import { callApi } from './pages/ClientUi';

test('scratch: measure', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  await page.goto(`${appUrl}#/calls`);
  await callApi(page, 'demo.load', { clients: 25, cdrs: 2000 });
  await page.reload();
  await expect(page.locator('tbody tr[data-call-id]').first()).toBeVisible();
  const info = await page.evaluate(() => {
    const out: string[] = [`doc ${document.documentElement.scrollHeight} body ${document.body.scrollHeight}`];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.bottom > 1000) out.push(`${el.tagName}.${el.className} bottom ${Math.round(r.bottom)} pos ${getComputedStyle(el).position}`);
      if (out.length > 15) break;
    }
    const box = document.querySelector('.calls-table__scroll') as HTMLElement;
    out.push(`box client ${box.clientWidth} scroll ${box.scrollWidth} offset ${box.offsetWidth}`);
    for (const th of Array.from(document.querySelectorAll('.calls-table thead th'))) out.push(`th ${th.textContent} ${th.clientWidth} ${th.scrollWidth}`);
    return out;
  });
  console.log(info.join('\n'));
  await page.screenshot({ path: 'test-results/scratch.png', fullPage: true });
});
