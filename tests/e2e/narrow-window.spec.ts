import { expect, test } from './fixtures';
import { AppShell } from './pages/AppShell';
import { callApi } from './pages/ClientUi';

// Issue 10: tables and forms stay usable at 1024 px wide (a laptop, or the window half a
// wide screen). Usable: the page never scrolls sideways, and every control a person
// needs is inside the window — a wide table scrolls inside its own region instead.

test.use({ viewport: { width: 1024, height: 768 } });

interface Overflow {
  pageScrollsSideways: boolean;
  /** Controls (inputs, buttons, links, selects) that end past the window's right edge and are not inside a region that scrolls. */
  clipped: string[];
}

async function overflowOf(page: import('@playwright/test').Page): Promise<Overflow> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (element: Element): boolean => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && parent.scrollWidth > parent.clientWidth) return true;
      }
      return false;
    };
    const clipped: string[] = [];
    for (const control of document.querySelectorAll('main input, main button, main a[href], main select, main textarea, main [role="combobox"]')) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 1 && !scrollsSideways(control)) {
        clipped.push(`${control.tagName.toLowerCase()} "${(control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(box.right)} px`);
      }
    }
    return { pageScrollsSideways: document.documentElement.scrollWidth > width + 1, clipped };
  });
}

test('every page fits a 1024 px window: no sideways page scroll, no control out of reach', async ({ page, appUrl }) => {
  test.setTimeout(300_000);
  const shell = new AppShell(page, appUrl);
  await shell.open('/');
  // A small realistic reseller in this test's own database: long names, many columns.
  await callApi(page, 'demo.load', { clients: 8, cdrs: 400, months: 2 });
  const clients = await callApi<{ items: { id: number }[] } | { id: number }[]>(page, 'clients.list', { search: '', status: 'open' });
  const firstClient = (Array.isArray(clients) ? clients : clients.items)[0]!.id;
  const packages = await callApi<{ id: number }[] | { items: { id: number }[] }>(page, 'packages.list', {});
  const firstPackage = (Array.isArray(packages) ? packages : packages.items)[0]!.id;

  const paths = [
    '/',
    '/packages',
    `/packages/${firstPackage}`,
    `/packages/${firstPackage}/rates`,
    '/packages/costs',
    '/clients',
    '/clients/new',
    `/clients/${firstClient}`,
    `/clients/${firstClient}/edit`,
    '/subaccounts',
    '/dids',
    '/calls',
    '/calls/import',
    '/calls/unrated',
    '/settings',
    '/settings/invoices',
    '/settings/email',
    '/branding',
    '/invoices',
  ];
  const problems: string[] = [];
  for (const path of paths) {
    await shell.open(path);
    await expect(shell.heading).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    const overflow = await overflowOf(page);
    if (overflow.pageScrollsSideways) problems.push(`${path}: the page scrolls sideways`);
    problems.push(...overflow.clipped.map((item) => `${path}: ${item}`));
    if (path === '/clients' || path === '/dids') {
      // The row actions of the everyday lists are in sight, not behind a sideways scroll.
      const edit = page.getByRole('main').getByRole('link', { name: /^Edit / }).or(page.getByRole('main').getByRole('button', { name: /^Edit / })).first();
      const reach = await edit.evaluate((element) => {
        const wrap = element.closest('.table-wrap, .data-table__scroll') ?? document.documentElement;
        return { right: element.getBoundingClientRect().right, visibleRight: Math.min(wrap.getBoundingClientRect().right, document.documentElement.clientWidth) };
      });
      expect(reach.right, `${path}: the first row's Edit ends inside the table's visible area`).toBeLessThanOrEqual(reach.visibleRight);
    }
    await page.screenshot({ path: `test-results/narrow${path.replaceAll('/', '_') || '_'}.png`, fullPage: true });
  }
  expect(problems).toEqual([]);
});
