import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';
import { BrandingPage, type ImageFile } from './pages/BrandingPage';
import { startHeadlessHost } from './host';
import { callApi, reviewScreenshot } from './pages/ClientUi';
import { answerNextOpenDialog } from './pages/HostPicker';

/**
 * Issue 15, "Use the client branding and access": the Branding & Access page. The preview
 * follows the form as typed (before any save); a save survives a reload; a file that is no
 * PNG or JPEG is refused by the window at once and by main if it gets through; bad input
 * anywhere gets a field error and changes nothing.
 */

const LOGO: ImageFile = { name: 'logo.png', mimeType: 'image/png', buffer: readFileSync(join(import.meta.dirname, 'fixtures', 'invoice-logo.png')) };
/** A Windows program renamed logo.png: "MZ", then code. */
const RENAMED_PROGRAM: ImageFile = { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]) };
const SVG: ImageFile = { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>') };
/** A PNG signature and 2.1 MB after it: over the 2 MB limit. */
const TOO_LARGE: ImageFile = { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([LOGO.buffer.subarray(0, 8), Buffer.alloc(2_200_000, 1)]) };

interface SavedBranding {
  settings: { title: string; colors: Record<string, string>; hostName: string; payment: { amounts: string }; templates: Record<string, { subject: string; body: string }>; services: { view: string } };
  images: Record<string, { dataUrl: string } | undefined>;
  savedAt: string | null;
}

/**
 * A review screenshot of the whole page as a tall window shows it: the sticky Save bar at the
 * bottom and the preview whole, as they are on screen (a full-page shot of a short window would
 * draw them where the short window had them).
 */
async function shoot(page: Page, name: string, element?: Locator): Promise<void> {
  const size = page.viewportSize()!;
  // Grown until the page fits: a taller window can lay the page out taller (the preview's own scroll goes).
  for (let round = 0; round < 4; round += 1) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const current = page.viewportSize()!.height;
    if (height <= current) break;
    await page.setViewportSize({ width: size.width, height });
  }
  if (element) await element.screenshot({ path: `test-results/${name}.png` });
  else await reviewScreenshot(page, name);
  await page.setViewportSize(size);
}

const savedBranding = (page: Page): Promise<SavedBranding> => callApi<SavedBranding>(page, 'branding.get');

test('title, colours and logo change the preview before saving; saved, they survive a reload; a renamed program is refused; Simple view hides what the guide lists', async ({ page, appUrl }) => {
  const branding = new BrandingPage(page, appUrl);
  await branding.goto();
  await expect(branding.previewTitle).toHaveText('Client portal');
  await expectAccessible(page);

  // The preview changes as the reseller types, before anything is saved.
  await branding.title.fill('Northwind Voice');
  await expect(branding.previewTitle).toHaveText('Northwind Voice');
  await expect(branding.previewHeaderTitle).toHaveText('Northwind Voice');
  await branding.colorHex('Panels').fill('#123456');
  await expect.poll(() => branding.computed(branding.previewPanel, 'background-color')).toBe('rgb(18, 52, 86)');
  // The colour picker and the hex text follow each other.
  await branding.colorPicker('Buttons').fill('#0a7d5a');
  await expect(branding.colorHex('Buttons')).toHaveValue('#0a7d5a');
  await expect.poll(() => branding.computed(branding.previewButton, 'background-color')).toBe('rgb(10, 125, 90)');
  await branding.colorHex('Background').fill('#FDF6E3');
  await expect(branding.colorPicker('Background')).toHaveValue('#fdf6e3');
  await branding.colorHex('Text').fill('#2b2b2b');
  await expect.poll(() => branding.computed(branding.previewPage, 'background-color')).toBe('rgb(253, 246, 227)');
  await expect.poll(() => branding.computed(branding.previewPage, 'color')).toBe('rgb(43, 43, 43)');
  await expect(branding.contrastWarning).toHaveCount(0);

  // A program renamed logo.png, an SVG and a file over 2 MB: refused at once, by their bytes and size.
  await branding.chooseLogo(RENAMED_PROGRAM);
  await expect(branding.errorOf(branding.logoInput)).toHaveText('Logo: logo.png is not a PNG or JPEG image');
  await expect(branding.previewLogo).toHaveCount(0);
  await branding.chooseLogo(SVG);
  await expect(branding.errorOf(branding.logoInput)).toHaveText('Logo: logo.svg is not a PNG or JPEG image');
  await branding.chooseLogo(TOO_LARGE);
  await expect(branding.errorOf(branding.logoInput)).toContainText('at most 2 MB');
  await branding.chooseLogo(LOGO);
  await expect(branding.errorOf(branding.logoInput)).toHaveCount(0);
  await expect(branding.previewLogo).toHaveAttribute('src', /^data:image\/png;base64,/);

  // Nothing is saved yet.
  expect((await savedBranding(page)).settings.title).toBe('');
  await shoot(page, 'branding-unsaved');

  await branding.save();
  await expect(branding.toast('Branding saved')).toBeVisible();
  const saved = await savedBranding(page);
  expect(saved.settings.title).toBe('Northwind Voice');
  expect(saved.settings.colors).toEqual({ panel: '#123456', button: '#0a7d5a', background: '#fdf6e3', text: '#2b2b2b' });
  expect(saved.images.logo?.dataUrl).toMatch(/^data:image\/png;base64,/);

  await page.reload();
  await branding.form.waitFor();
  await expect(branding.title).toHaveValue('Northwind Voice');
  await expect(branding.colorHex('Panels')).toHaveValue('#123456');
  await expect(branding.colorHex('Background')).toHaveValue('#fdf6e3');
  await expect(branding.previewTitle).toHaveText('Northwind Voice');
  await expect(branding.previewLogo).toBeVisible();
  await expect.poll(() => branding.computed(branding.previewPanel, 'background-color')).toBe('rgb(18, 52, 86)');

  // Standard view: the spend, the call type filters and the service details are there.
  await expect(branding.preview).toHaveAttribute('data-view', 'standard');
  await expect(branding.previewSpend).toContainText('Spent this month');
  await expect(branding.previewCallTypes).toBeVisible();
  await expect(branding.previewServiceDetails).toBeVisible();
  await shoot(page, 'branding-preview-standard', branding.preview);
  await shoot(page, 'branding-management');
  await expectAccessible(page);

  // Simple view hides what the guide lists, in the preview at once.
  await branding.openTab('Services');
  await branding.form.getByRole('radio', { name: 'Simple view' }).check();
  await expect(branding.preview).toHaveAttribute('data-view', 'simple');
  await expect(branding.previewSpend).toHaveCount(0);
  await expect(branding.previewCallTypes).toHaveCount(0);
  await expect(branding.previewServiceDetails).toHaveCount(0);
  await expect(branding.form.getByRole('list', { name: 'What Simple view hides' })).toContainText('Call type filters');
  await shoot(page, 'branding-preview-simple', branding.preview);
  await shoot(page, 'branding-services');
  await expectAccessible(page);
  await branding.save();
  await expect(branding.toast('Branding saved')).toBeVisible();
  expect((await savedBranding(page)).settings.services.view).toBe('simple');
});

test('bad input everywhere gets a field error, Save is refused and nothing changes', async ({ page, appUrl }) => {
  const branding = new BrandingPage(page, appUrl);
  await branding.goto();
  await branding.title.fill('Good Title');
  await branding.openTab('Payment');
  await branding.amounts.fill('10, 25');
  await branding.save();
  await expect(branding.toast('Branding saved')).toBeVisible();
  const before = await savedBranding(page);

  // Text hard to read on the background: a warning, not an error.
  await branding.openTab('Branding management');
  await branding.colorHex('Text').fill('#c0c0c0');
  await expect(branding.contrastWarning).toContainText('under the 4.5:1 WCAG AA asks');
  await expect(branding.errorOf(branding.colorHex('Text'))).toHaveCount(0);
  // A colour that is no colour: the field says so at once, and the preview keeps the last good one.
  await branding.colorHex('Background').fill('#zzz');
  await expect(branding.errorOf(branding.colorHex('Background'))).toHaveText('Background: a colour like #1a2b3c');
  await expect.poll(() => branding.computed(branding.previewPage, 'background-color')).toBe('rgb(244, 246, 249)');

  await branding.openTab('Text and messages');
  await branding.templateBody('Low balance').fill('Hello {client.fristname}, your balance is {balance}.');
  await expect(branding.errorOf(branding.templateBody('Low balance'))).toContainText('Unknown placeholder {client.fristname}');
  await branding.templateSubject('Password reset request').fill('');
  await expect(branding.errorOf(branding.templateSubject('Password reset request'))).toHaveText('Password reset request e-mail subject is required');

  await branding.openTab('Host name');
  await branding.hostName.fill('https://portal.example.com/login');
  await expect(branding.errorOf(branding.hostName)).toContainText('only the name');
  await branding.hostName.fill('localhost');
  await expect(branding.errorOf(branding.hostName)).toContainText('a full host and domain');

  await branding.openTab('Payment');
  await branding.amounts.fill('10.50, 20');
  await expect(branding.errorOf(branding.amounts)).toContainText('"10.50" is not a whole number');

  await branding.openTab('Interface and access');
  const didMonthly = branding.form.getByLabel('Monthly fee', { exact: true });
  await didMonthly.fill('-2');
  await expect(branding.errorOf(didMonthly)).toContainText('enter an amount');

  // Save: refused in the window, every problem listed and each tab marked.
  await branding.save();
  await expect(branding.errorSummary).toBeVisible();
  for (const text of ['Background: a colour like', 'Unknown placeholder {client.fristname}', 'subject is required', 'Host name:', 'is not a whole number', 'DID monthly fee']) {
    await expect(branding.errorSummary).toContainText(text);
  }
  await expect(branding.tab('Branding management')).toContainText('1 error');
  await expect(branding.tab('Text and messages')).toContainText('2 errors');
  await shoot(page, 'branding-errors');
  // The summary takes the reseller to the field, on its tab.
  await branding.errorSummary.getByRole('button', { name: /^Host name:/ }).click();
  await expect(branding.hostName).toBeFocused();
  expect(await savedBranding(page)).toEqual(before);

  // Main refuses the same values when they come without the window (its own checks).
  const refused = await page.evaluate(async (settings) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="rc-api-token"]')?.content ?? '';
    const bad = { ...settings, colors: { ...settings.colors, background: '#zzz' }, hostName: 'localhost', payment: { ...settings.payment, amounts: '10.50' } };
    const response = await fetch('/api/branding.save', { method: 'POST', headers: { 'content-type': 'application/json', 'x-rc-token': token }, body: JSON.stringify({ input: { settings: bad, images: {} } }) });
    return (await response.json()) as { ok: boolean; error?: { issues?: { path: string }[] } };
  }, before.settings);
  expect(refused.ok).toBe(false);
  expect(refused.error?.issues?.map((issue) => issue.path)).toEqual(expect.arrayContaining(['settings.colors.background', 'settings.hostName', 'settings.payment.amounts']));

  // Reloaded: the saved values, untouched.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await branding.form.waitFor();
  await expect(branding.title).toHaveValue('Good Title');
  await expect(branding.colorHex('Background')).toHaveValue(before.settings.colors.background!);
  await branding.openTab('Payment');
  await expect(branding.amounts).toHaveValue('10, 25');
  expect(await savedBranding(page)).toEqual(before);
});

test('a renamed program that gets past the window is refused by main at the logo field', async ({ page, appUrl }) => {
  const branding = new BrandingPage(page, appUrl);
  await branding.goto();
  await branding.title.fill('Sneaky');
  await branding.chooseLogo(LOGO);
  await expect(branding.previewLogo).toBeVisible();
  // As if the window's check were skipped: the request carries a program instead of the PNG.
  const program = `data:image/png;base64,${RENAMED_PROGRAM.buffer.toString('base64')}`;
  await page.route('**/api/branding.save', async (route) => {
    const body = route.request().postDataJSON() as { input: { images: Record<string, string | null> } };
    body.input.images.logo = program;
    await route.continue({ postData: JSON.stringify(body) });
  });
  await branding.save();
  await expect(branding.errorSummary).toBeVisible();
  await expect(branding.errorOf(branding.logoInput)).toBeVisible();
  await expect(branding.errorSummary).toContainText('Logo');
  const saved = await savedBranding(page);
  expect(saved.settings.title).toBe('');
  expect(saved.images.logo).toBeUndefined();
});

test('access, e-mails and the provider checklist: addresses to copy, the auto-connect form escaped, a template previewed with a real client', async ({ page, appUrl }) => {
  const branding = new BrandingPage(page, appUrl);
  await branding.open('/');
  await callApi(page, 'clients.create', { firstName: 'Jo "<b>"', lastName: 'Tremblay', email: 'jo@example.com', balanceMode: 'soft' });
  await branding.goto();

  await branding.openTab('Host name');
  await branding.hostName.fill('portal.northwind.example');
  await expect(branding.form.getByText('184.172.106.205').first()).toBeVisible();
  await expect(branding.form.getByText('one-time fee of $10.00')).toBeVisible();
  await branding.save();
  await expect(branding.toast('Branding saved')).toBeVisible();

  await branding.openTab('Interface and access');
  await expect(branding.form.getByLabel("Clients' interface URL")).toHaveValue('https://portal.northwind.example');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await branding.form.getByRole('button', { name: 'Copy the interface URL' }).click();
  await expect(branding.toast('Copied the interface URL')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('https://portal.northwind.example');
  await branding.form.getByRole('combobox', { name: 'Form for' }).click();
  await page.getByRole('option', { name: /Jo/ }).click();
  const html = page.getByTestId('auto-connect-html');
  await expect(html).toHaveValue(/action="https:\/\/portal\.northwind\.example\/login\.php"/);
  // The client's name is in a comment, less what could end or open one: no markup of theirs gets into the form.
  await expect(html).toHaveValue(/<!-- Auto-connect form for Jo "b" /);
  await expect(html).not.toHaveValue(/<b>/);
  await shoot(page, 'branding-access');
  await expectAccessible(page);

  await branding.openTab('Text and messages');
  await branding.templateBody('Low balance').fill('Hi ');
  await branding.form.getByRole('button', { name: 'Insert {client.firstname} in the low balance body' }).click();
  await expect(branding.templateBody('Low balance')).toHaveValue('Hi {client.firstname}');
  await branding.form.getByRole('combobox', { name: 'With the data of' }).click();
  await page.getByRole('option', { name: /Jo/ }).click();
  await expect(page.getByTestId('template-preview-text')).toContainText('Hi Jo "<b>"');
  // The HTML part shows the name as text: the markup in it is never markup of the page.
  await expect(page.getByTestId('template-preview-html')).toContainText('Hi Jo "<b>"');
  await expect(page.getByTestId('template-preview-html').locator('b')).toHaveCount(0);
  await shoot(page, 'branding-texts');
  await expectAccessible(page);

  await branding.openTab("Provider's portal");
  await expect(branding.form.getByRole('table')).toContainText('portal.northwind.example');
  await shoot(page, 'branding-portal-checklist');
  await expectAccessible(page);
});

test('in the desktop app, images are chosen with the Open dialog: main refuses a renamed program, a real PNG is previewed and saved', async ({ page }) => {
  const host = await startHeadlessHost({ testPicker: true });
  try {
    const branding = new BrandingPage(page, host.url);
    await branding.goto();
    // The browser's file field is not offered where main has a dialog.
    await expect(branding.form.locator('input[type="file"]')).toHaveCount(0);
    const folder = mkdtempSync(join(tmpdir(), 'rc-e2e-branding-'));
    const program = join(folder, 'setup.png');
    writeFileSync(program, RENAMED_PROGRAM.buffer);
    const chooseLogo = branding.form.getByRole('button', { name: 'Choose the logo…' });
    await answerNextOpenDialog(page, program);
    await chooseLogo.click();
    await expect(branding.errorOf(chooseLogo)).toHaveText('Logo: setup.png is not a PNG or JPEG image.');
    await expect(branding.previewLogo).toHaveCount(0);

    const logo = join(folder, 'logo.png');
    writeFileSync(logo, LOGO.buffer);
    await answerNextOpenDialog(page, logo);
    await chooseLogo.click();
    await expect(branding.errorOf(chooseLogo)).toHaveCount(0);
    await expect(branding.previewLogo).toHaveAttribute('src', /^data:image\/png;base64,/);
    await branding.save();
    await expect(branding.toast('Branding saved')).toBeVisible();
    expect((await savedBranding(page)).images.logo?.dataUrl).toMatch(/^data:image\/png;base64,/);
  } finally {
    await host.stop();
  }
});

test('configuring the Old version locks what only the New version has', async ({ page, appUrl }) => {
  const branding = new BrandingPage(page, appUrl);
  await branding.goto();
  await expect(branding.form.getByText('New version only').first()).toBeVisible();
  await branding.openTab('Branded interface');
  await branding.form.getByRole('group', { name: 'Version being configured' }).getByRole('radio', { name: 'Old version' }).check();
  await branding.openTab('Branding management');
  await expect(branding.colorHex('Panels')).toBeDisabled();
  await expect(branding.colorHex('Buttons')).toBeDisabled();
  await expect(branding.colorHex('Background')).toBeEnabled();
  await expect(branding.logoInput).toBeDisabled();
  await expect(branding.form.getByLabel('Header', { exact: true })).toBeEnabled();
  await branding.openTab('Services');
  await expect(branding.form.getByRole('checkbox', { name: 'Order DIDs' })).toBeDisabled();
  await expectAccessible(page);
  // Revert: back to what is saved, the New version's options open again.
  await branding.revertButton.click();
  await expect(branding.form.getByRole('checkbox', { name: 'Order DIDs' })).toBeEnabled();
  await branding.openTab('Branding management');
  await expect(branding.colorHex('Panels')).toBeEnabled();
  await expect(branding.revertButton).toBeDisabled();
});

test.describe('at 1024 px wide', () => {
  test.use({ viewport: { width: 1024, height: 768 } });
  test('the form and the preview sit side by side and nothing scrolls sideways', async ({ page, appUrl }) => {
    const branding = new BrandingPage(page, appUrl);
    await branding.goto();
    const form = await branding.title.boundingBox();
    const preview = await branding.preview.boundingBox();
    expect(form && preview && preview.x > form.x + form.width).toBeTruthy();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
    await reviewScreenshot(page, 'branding-1024', false);
    await branding.openTab('Display elements');
    await expect(branding.form.getByRole('radio', { name: 'E-mail: Hidden' })).toBeDisabled();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
    await shoot(page, 'branding-display-1024');
  });
});
