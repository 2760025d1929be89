import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../main/handlers/index';
import { renderBrandedEmail } from '../../main/services/branding/templates';
import { FileGrants } from '../../main/services/fileGrants';
import { DEFAULT_INTERFACE_URL, HOST_NAME_A_RECORD, MAX_BRANDING_IMAGE_BYTES, PAYPAL_IPN_URL } from '../../preload/common/branding';
import type { AutoConnectView, BrandingSettingsForm, BrandingView, TemplatePreview } from '../../preload/schemas/branding';
import type { InvoicePdfFile, InvoiceView } from '../../preload/schemas/invoices';
import type { Result } from '../../preload/result';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// Issue 15, the guide's "Use the client branding and access", through the handler door
// (zod first, then the service) on a real SQLite file.

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { call, ok } = channelCaller(() => temp.table);

/** A real PNG of one colour (pdfkit decodes it), so sizes can tell two logos apart. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb)))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
const dataUrl = (bytes: Buffer, mime = 'image/png'): string => `data:${mime};base64,${bytes.toString('base64')}`;

const LOGO = png(40, 20, [200, 30, 30]);
const HEADER = png(8, 4, [10, 10, 10]);

/** The settings as the window sends them: the view's, with changes. */
async function form(changes: Partial<BrandingSettingsForm> = {}): Promise<BrandingSettingsForm> {
  const view = await ok<BrandingView>('branding.get');
  return { ...view.settings, ...changes };
}

/** Settings → Invoices as the window saves them, with changes. */
async function saveInvoiceSettings(changes: Record<string, unknown>): Promise<void> {
  const { minNextNumber: _shownOnly, ...current } = await ok<Record<string, unknown>>('invoices.settings');
  await ok('invoices.saveSettings', { ...current, ...changes });
}

async function refused(input: unknown, path: string, message: RegExp): Promise<void> {
  const result = (await call('branding.save', input)) as Result<BrandingView>;
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('invalid_input');
  expect(result.error.issues?.map((issue) => issue.path)).toContain(path);
  expect(result.error.issues?.find((issue) => issue.path === path)?.message).toMatch(message);
}

describe('branding.get and branding.save', () => {
  it('a reseller who never saved sees the defaults and the provider’s addresses', async () => {
    const view = await ok<BrandingView>('branding.get');
    expect(view.savedAt).toBeNull();
    expect(view.images).toEqual({});
    expect(view.interfaceUrl).toBe(DEFAULT_INTERFACE_URL);
    expect(view.signupUrl).toBe(`${DEFAULT_INTERFACE_URL}/signup.php?reseller=100000`);
    expect(view.ipnUrl).toBe(PAYPAL_IPN_URL);
    expect(view.reseller).toBe('100000');
    expect(view.settings).toMatchObject({ systemVersion: 'new', title: '', hostName: '', invoicesUseBranding: false, didAccess: { monthly: '0.000000', perMinute: '0.00000000' } });
    // Nothing about PayPal or a host name until the reseller sets them.
    expect(view.checklist.map((item) => item.setting)).not.toContain('PayPal e-mail account');
    expect(view.checklist.some((item) => item.value === HOST_NAME_A_RECORD)).toBe(false);

    // A row broken by hand (not JSON, or amounts that are not micros) is not trusted: the defaults stand in.
    for (const value of ['{not json', '[]', JSON.stringify({ didAccess: { monthly: 1.5 } }), JSON.stringify({ colors: { panel: 'red' } })]) {
      await temp.store.db.insertInto('settings').values({ key: 'branding', value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      expect((await ok<BrandingView>('branding.get')).settings).toEqual(view.settings);
    }
  });

  it('saves every tab and the images in one go, and reads them back with the portal checklist', async () => {
    const settings = await form({
      configuringVersion: 'old',
      title: 'Acme Voice',
      colors: { panel: '#ABC', button: '#2563eb', background: '#ffffff', text: '#111111' },
      didAccess: { monthly: '1.5', perMinute: '0.0125', setup: '0' },
      services: { view: 'simple', enabled: ['order_dids', 'voicemail'] },
      welcomeText: 'Welcome to Acme',
      payment: { paypalEnabled: true, paypalEmail: 'pay@acme.example', amounts: '10, 25,50' },
      hostName: 'Portal.Acme-Voice.com',
      signup: { ...(await form()).signup, enabled: true },
    });
    const saved = await ok<BrandingView>('branding.save', { settings, images: { logo: dataUrl(LOGO), header: dataUrl(HEADER, 'image/jpeg') } });
    expect(saved.savedAt).toBe('2026-11-25T12:00:00.000Z');
    expect(saved.settings).toMatchObject({ title: 'Acme Voice', configuringVersion: 'old', hostName: 'portal.acme-voice.com', didAccess: { monthly: '1.500000', perMinute: '0.01250000' } });
    // Guide: New-Version-only options are kept while the Old Version is configured.
    expect(saved.settings.colors.panel).toBe('#aabbcc');
    expect(saved.settings.services.enabled).toEqual(['order_dids', 'voicemail']);
    // The type is the bytes': a PNG declared as JPEG is stored as the PNG it is.
    expect(saved.images.header).toMatchObject({ type: 'image/png', bytes: HEADER.length, dataUrl: dataUrl(HEADER) });
    expect(saved.images.logo).toMatchObject({ type: 'image/png', bytes: LOGO.length });
    expect(saved.interfaceUrl).toBe('https://portal.acme-voice.com');
    expect(saved.signupUrl).toBe('https://portal.acme-voice.com/signup.php?reseller=100000');
    expect(await ok<BrandingView>('branding.get')).toEqual(saved);

    const value = (setting: string) => saved.checklist.find((item) => item.setting === setting)?.value;
    expect(value('Title')).toBe('Acme Voice');
    expect(value('Panels colour')).toBe('#aabbcc');
    expect(value('Amounts')).toBe('10,25,50');
    expect(value('PayPal e-mail account')).toBe('pay@acme.example');
    expect(value('Notification URL (IPN)')).toBe(PAYPAL_IPN_URL);
    expect(value('Monthly fee')).toBe('1.50');
    expect(value('Per-minute rate')).toBe('0.0125');
    expect(value('View setting')).toBe('Simple view');
    expect(value('Welcome text')).toBe('Welcome to Acme');
    expect(value('A record for portal.acme-voice.com')).toBe(HOST_NAME_A_RECORD);
    expect(value('Logo')).toMatch(/^Upload the same file \(PNG/);
    expect(saved.checklist.find((item) => item.setting === 'Logo')?.where).toBe('Client Branding and Access → Branding Management (New Version)');
    expect(value('Automated signup form')).toContain(saved.signupUrl);
    // The portal sends the password e-mails: their templates are on the list to copy; the amounts are stored as a list.
    expect(value("Password reset request e-mail (check the portal's placeholders)")).toContain('{reset_link}');
    expect(saved.settings.payment.amounts).toBe('10, 25, 50');

    // Absent keeps an image, null removes it.
    const kept = await ok<BrandingView>('branding.save', { settings, images: { header: null } });
    expect(Object.keys(kept.images)).toEqual(['logo']);
  });

  it('refuses every bad input with the field it belongs to, and changes nothing', async () => {
    const good = await form({ title: 'Before' });
    await ok('branding.save', { settings: good, images: { logo: dataUrl(LOGO) } });
    const before = await ok<BrandingView>('branding.get');

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const huge = Buffer.concat([LOGO, Buffer.alloc(MAX_BRANDING_IMAGE_BYTES + 1 - LOGO.length)]);
    const changed = { ...good, title: 'After' };
    const cases: [unknown, string, RegExp][] = [
      [{ settings: { ...changed, colors: { ...good.colors, panel: 'blue' } } }, 'settings.colors.panel', /colour like/],
      [{ settings: { ...changed, templates: { ...good.templates, lowBalance: { subject: 'Hi', body: 'Your {client.fristname}' } } } }, 'settings.templates.lowBalance.body', /Unknown placeholder \{client\.fristname\}/],
      [{ settings: { ...changed, templates: { ...good.templates, passwordResetComplete: { subject: 'Hi {', body: '' } } } }, 'settings.templates.passwordResetComplete.subject', /lone/],
      [{ settings: { ...changed, hostName: 'https://portal.acme.com' } }, 'settings.hostName', /no https/],
      [{ settings: { ...changed, hostName: 'acme.com' } }, 'settings.hostName', /full host/],
      [{ settings: { ...changed, payment: { paypalEnabled: true, paypalEmail: '', amounts: '10' } } }, 'settings.payment.paypalEmail', /required/],
      [{ settings: { ...changed, payment: { paypalEnabled: true, paypalEmail: 'pay@acme.example', amounts: '10.50, 20' } } }, 'settings.payment.amounts', /whole number/],
      [{ settings: changed, images: { logo: dataUrl(exe) } }, 'images.logo', /not a PNG or JPEG/],
      [{ settings: changed, images: { loginBackground: dataUrl(svg, 'image/svg+xml') } }, 'images.loginBackground', /PNG or JPEG/],
      [{ settings: changed, images: { header: dataUrl(svg) } }, 'images.header', /not a PNG or JPEG/],
      [{ settings: changed, images: { logo: dataUrl(huge) } }, 'images.logo', /2 MB/],
      [{ settings: changed, images: { logo: dataUrl(Buffer.concat([huge, Buffer.alloc(64)])) } }, 'images.logo', /2 MB/],
      [{ settings: { ...changed, signup: { ...good.signup, fields: { ...good.signup.fields, email: 'hidden' } } } }, 'settings.signup.fields.email', /always required/],
      [{ settings: { ...changed, title: 'Acme\nVoice' } }, 'settings.title', /one line/],
      [{ settings: { ...changed, didAccess: { ...good.didAccess, monthly: '-2' } } }, 'settings.didAccess.monthly', /./],
      [{ settings: { ...changed, services: { ...good.services, enabled: ['voicemail', 'voicemail'] } } }, 'settings.services.enabled', /once/],
      [{ settings: { ...changed, welcomeText: 'x'.repeat(2001) } }, 'settings.welcomeText', /at most/],
      [{ settings: { ...changed, templates: { ...good.templates, lowBalance: { subject: '', body: 'x' } } } }, 'settings.templates.lowBalance.subject', /required/],
      // A good image beside a bad one: neither is stored.
      [{ settings: changed, images: { header: dataUrl(HEADER), logo: dataUrl(exe) } }, 'images.logo', /not a PNG or JPEG/],
    ];
    for (const [input, path, message] of cases) {
      await refused(input, path, message);
      expect(await ok<BrandingView>('branding.get')).toEqual(before);
    }
  });
});

describe('e-mail templates', () => {
  it('the preview fills the template with a real client; their name is escaped in the HTML', async () => {
    const client = await ok<{ id: number }>('clients.create', {
      firstName: '<script>alert(1)</script>',
      lastName: 'Tremblay',
      email: 'zoe@example.com',
      balanceMode: 'soft',
      company: 'Café & Co',
      openingPayment: '4.5',
      lowBalanceThreshold: '10',
    });
    await saveInvoiceSettings({ companyName: 'Northwind Telecom' });
    await ok('branding.save', { settings: await form({ hostName: 'portal.northwind.example' }) });
    const template = { subject: 'Low balance for {client.firstname}', body: 'Hi {client.firstname} {client.lastname} of {client.company},\n\n{balance} < {threshold}. {company}: {interface_url} {{x}}' };
    const preview = await ok<TemplatePreview>('branding.previewTemplate', { kind: 'lowBalance', template });
    expect(preview.client).toEqual({ id: client.id, name: '<script>alert(1)</script> Tremblay (Café & Co)' });
    expect(preview.problems).toEqual([]);
    expect(preview.subject).toBe('Low balance for <script>alert(1)</script>');
    expect(preview.text).toBe('Hi <script>alert(1)</script> Tremblay of Café & Co,\n\n$4.50 < $10.00. Northwind Telecom: https://portal.northwind.example {x}');
    expect(preview.html).not.toContain('<script>');
    expect(preview.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; Tremblay of Café &amp; Co,</p>\n<p>$4.50 &lt; $10.00. Northwind Telecom: https://portal.northwind.example {x}</p>');

    // The same words as the e-mail the console sends with the saved template.
    const saved = await form();
    await ok('branding.save', { settings: { ...saved, templates: { ...saved.templates, lowBalance: template } } });
    const sent = await renderBrandedEmail(temp.store.db, 'lowBalance', client.id, {});
    expect(sent).toEqual({ subject: preview.subject, text: preview.text, html: preview.html });
    const reset = await renderBrandedEmail(temp.store.db, 'passwordResetRequest', client.id, { reset_link: 'https://portal.northwind.example/reset?t=1' });
    expect(reset.text).toContain('https://portal.northwind.example/reset?t=1');
  });

  it('a preview never throws for a bad placeholder: it lists it; without clients it uses sample data', async () => {
    const preview = await ok<TemplatePreview>('branding.previewTemplate', { kind: 'passwordResetComplete', template: { subject: 'Hi {balance}', body: 'Open {reset_link} {' } });
    expect(preview.client).toBeNull();
    expect(preview.problems.map((problem) => problem.part)).toEqual(['subject', 'body', 'body']);
    expect(preview.subject).toBe('Hi {balance}');
    const missing = (await call('branding.previewTemplate', { kind: 'lowBalance', template: { subject: 'x', body: 'y' }, clientId: 999 })) as Result<unknown>;
    expect(missing.ok === false && missing.error.code).toBe('not_found');
  });
});

describe('the auto-connect form', () => {
  it('escapes the client’s name and e-mail, and posts to the interface', async () => {
    await ok('branding.save', { settings: await form({ hostName: 'portal.acme.example', title: 'Acme "Voice"' }) });
    const client = await ok<{ id: number }>('clients.create', { firstName: 'Jo "<b>"', lastName: '-- O\'Brien', email: 'jo@example.com', balanceMode: 'soft' });
    const form1 = await ok<AutoConnectView>('branding.autoConnect', { clientId: client.id });
    expect(form1.client).toEqual({ id: client.id, name: 'Jo "<b>" -- O\'Brien' });
    expect(form1.html).toContain('<!-- Auto-connect form for Jo "b" - O\'Brien -->');
    expect(form1.html).toContain('action="https://portal.acme.example/login.php"');
    expect(form1.html).toContain('name="username" value="jo@example.com"');
    expect(form1.html).toContain('<button type="submit">Go to Acme &quot;Voice&quot;</button>');
    const blank = await ok<AutoConnectView>('branding.autoConnect', {});
    expect(blank.client).toBeNull();
    expect(blank.html).toContain('name="username" value=""');
  });
});

describe('invoices take the branding when asked', () => {
  function images(file: InvoicePdfFile): string[] {
    const path = join(temp.dir, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    // "page num type width height …": the image rows after the two header lines.
    return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/).slice(2, 5).join(' '));
  }

  it('prints the branding logo and colour it was issued with, the same bytes every time', async () => {
    await saveInvoiceSettings({ companyName: 'Northwind', logo: dataUrl(HEADER) });
    const issue = async (email: string): Promise<InvoiceView> => {
      const client = await ok<{ id: number }>('clients.create', { firstName: 'Ada', lastName: 'L', email, balanceMode: 'soft', openingPayment: '20' });
      return ok<InvoiceView>('invoices.issue', { clientId: client.id, from: '2026-11-01', to: '2026-11-24' });
    };
    const plain = await issue('plain@example.com');
    await ok('branding.save', { settings: await form({ invoicesUseBranding: true, colors: { panel: '#8b1e3f', button: '#2563eb', background: '#ffffff', text: '#111111' } }), images: { logo: dataUrl(LOGO) } });
    const branded = await issue('branded@example.com');

    const plainPdf = await ok<InvoicePdfFile>('invoices.pdf', { id: plain.id });
    const brandedPdf = await ok<InvoicePdfFile>('invoices.pdf', { id: branded.id });
    expect(images(plainPdf)).toEqual(['image 8 4']);
    expect(images(brandedPdf)).toEqual(['image 40 20']);
    const content = (id: number) => temp.store.db.selectFrom('invoices').select('content').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse((await content(branded.id)).content)).toMatchObject({ accent: '#8b1e3f' });
    expect(JSON.parse((await content(plain.id)).content)).not.toHaveProperty('accent');

    // Issued is issued: a later branding change does not touch the invoice's PDF.
    await ok('branding.save', { settings: await form({ invoicesUseBranding: false }), images: { logo: null } });
    expect((await ok<InvoicePdfFile>('invoices.pdf', { id: branded.id })).base64).toBe(brandedPdf.base64);
    expect((await ok<InvoicePdfFile>('invoices.pdf', { id: plain.id })).base64).toBe(plainPdf.base64);
  });
});

describe('a branding image chosen with the desktop Open dialog', () => {
  it('is read as a data URL by its bytes; a renamed program and a file over 2 MB are refused', async () => {
    let picked = '';
    const table = createHandlerTable({ store: temp.store, host: 'electron', now: () => FIXED_NOW, files: { grants: new FileGrants(), picker: () => Promise.resolve(picked), uploadsDir: join(temp.dir, 'uploads') } });
    const read = async (name: string, bytes: Buffer, purpose = 'brandingImage') => {
      picked = join(temp.dir, name);
      writeFileSync(picked, bytes);
      const chosen = (await dispatch(table, 'files.choose', { purpose })) as Result<{ grant: string }>;
      if (!chosen.ok) throw new Error(chosen.error.message);
      return (await dispatch(table, 'files.read', { grant: chosen.value.grant, purpose: 'brandingImage' })) as Result<{ dataUrl: string | null; text: string | null }>;
    };
    expect(await read('logo.jpg', LOGO)).toEqual({ ok: true, value: { name: 'logo.jpg', bytes: LOGO.length, text: null, dataUrl: dataUrl(LOGO) } });
    expect(await read('setup.png', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]))).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'setup.png is not a PNG or JPEG image.' } });
    expect(await read('big.png', Buffer.concat([LOGO, Buffer.alloc(MAX_BRANDING_IMAGE_BYTES)]))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too large/) } });
    // A grant serves the purpose it was given for only.
    expect(await read('logo.png', LOGO, 'logo')).toMatchObject({ ok: false });
  });
});
