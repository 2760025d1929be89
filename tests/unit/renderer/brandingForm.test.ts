import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, MAX_BRANDING_IMAGE_BYTES } from '../../../preload/common/branding';
import { CLIENT_SERVICES } from '../../../preload/common/catalog';
import type { BrandingView } from '../../../preload/schemas/branding';
import {
  brandingFingerprint,
  brandingSummaryItems,
  brandingValuesOf,
  controlIdOf,
  errorCountByTab,
  groupsOf,
  liveProblems,
  standingErrors,
  tabOfPath,
  toBrandingSave,
  valueAt,
  type BrandingValues,
} from '../../../renderer/src/pages/Branding/brandingForm';
import { headOfDataUrl, imageFileProblem, sizeText } from '../../../renderer/src/pages/Branding/brandingImages';
import { portalLookOf, PROVIDER_COLORS, readableOn } from '../../../renderer/src/pages/Branding/preview/previewLook';

const PNG_HEAD = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';

const VIEW: BrandingView = {
  settings: {
    systemVersion: 'new',
    configuringVersion: 'new',
    didAccess: { monthly: '1.50', perMinute: '0.01', setup: '0' },
    title: 'Northwind Voice',
    colors: { panel: '#123456', button: '#0a7d5a', background: '#fdf6e3', text: '#2b2b2b' },
    display: { showSipPasswords: false, showIaxPasswords: false, allowPasswordReset: true },
    signup: {
      enabled: false,
      fields: { firstName: 'required', lastName: 'required', company: 'shown', email: 'required', phone: 'shown', address: 'shown', city: 'shown', state: 'shown', country: 'shown', zip: 'shown', package: 'hidden' },
    },
    services: { view: 'standard', enabled: [...CLIENT_SERVICES] },
    welcomeText: 'Welcome',
    templates: structuredClone(DEFAULT_TEMPLATES),
    payment: { paypalEnabled: false, paypalEmail: '', amounts: '10, 25' },
    hostName: '',
    invoicesUseBranding: false,
  },
  images: { logo: { kind: 'logo', dataUrl: LOGO, type: 'image/png', bytes: 16 } },
  interfaceUrl: 'https://voipinterface.net',
  signupUrl: 'https://voipinterface.net/signup.php?reseller=100000',
  ipnUrl: 'http://www.voipinterface.net/paynotify.php',
  reseller: '100000',
  checklist: [],
  savedAt: null,
};

const edited = (edit: (values: BrandingValues) => void): BrandingValues => {
  const values = brandingValuesOf(VIEW);
  edit(values);
  return values;
};

describe('the Branding form as typed', () => {
  it('starts from the saved view, images by kind, and is clean', () => {
    const values = brandingValuesOf(VIEW);
    expect(values.images).toEqual({ header: null, logo: LOGO, loginBackground: null });
    expect(brandingFingerprint(values)).toBe(brandingFingerprint(brandingValuesOf(VIEW)));
    // A copy: editing the form never edits the saved view.
    values.settings.colors.panel = '#000000';
    expect(VIEW.settings.colors.panel).toBe('#123456');
  });

  it('sends only the images that changed: a new one as its data URL, a removed one as null', () => {
    const baseline = brandingValuesOf(VIEW);
    expect(toBrandingSave(baseline, baseline).images).toEqual({});
    const values = edited((draft) => {
      draft.images.logo = null;
      draft.images.header = 'data:image/jpeg;base64,/9j/4AAQ';
    });
    expect(toBrandingSave(values, baseline).images).toEqual({ logo: null, header: 'data:image/jpeg;base64,/9j/4AAQ' });
  });

  it('has no live problem with good values', () => {
    expect(liveProblems(brandingValuesOf(VIEW).settings)).toEqual({});
  });

  it.each([
    ['settings.colors.background', (v: BrandingValues) => void (v.settings.colors.background = '#zzz'), 'Background: a colour like #1a2b3c'],
    ['settings.colors.panel', (v: BrandingValues) => void (v.settings.colors.panel = '12345'), 'Panels: a colour like #1a2b3c'],
    ['settings.didAccess.monthly', (v: BrandingValues) => void (v.settings.didAccess.monthly = '-2'), 'DID monthly fee: enter an amount, e.g. 1.50'],
    ['settings.templates.lowBalance.body', (v: BrandingValues) => void (v.settings.templates.lowBalance.body = 'Hi {client.fristname}'), 'Unknown placeholder {client.fristname}'],
    ['settings.templates.passwordResetComplete.subject', (v: BrandingValues) => void (v.settings.templates.passwordResetComplete.subject = ' '), 'subject is required'],
    ['settings.templates.passwordResetRequest.subject', (v: BrandingValues) => void (v.settings.templates.passwordResetRequest.subject = 'Reset {'), 'A lone "{"'],
    ['settings.payment.amounts', (v: BrandingValues) => void (v.settings.payment.amounts = '10.50, 20'), '"10.50" is not a whole number'],
    ['settings.payment.paypalEmail', (v: BrandingValues) => void (v.settings.payment.paypalEmail = 'not-an-email'), 'enter an e-mail address'],
    ['settings.hostName', (v: BrandingValues) => void (v.settings.hostName = 'https://portal.example.com'), 'only the name'],
  ])('says at once what is wrong: %s', (path, edit, message) => {
    const problems = liveProblems(edited(edit).settings);
    expect(Object.keys(problems)).toEqual([path]);
    expect(problems[path]).toContain(message);
  });

  it('asks for the PayPal e-mail and an amount before PayPal is turned on', () => {
    const problems = liveProblems(edited((v) => void (v.settings.payment = { paypalEnabled: true, paypalEmail: '', amounts: '' })).settings);
    expect(problems['settings.payment.paypalEmail']).toBe('PayPal e-mail is required to turn PayPal on');
    expect(problems['settings.payment.amounts']).toBe('Amounts: enter at least one to turn PayPal on');
  });

  it("keeps main's error for a field only while the field holds what main refused", () => {
    const submitted = edited((v) => void (v.settings.title = 'x'.repeat(101)));
    const mainErrors = { 'settings.title': 'Title: at most 100 characters', 'images.logo': 'Image: choose a PNG or JPEG file', _form: 'Something else' };
    expect(standingErrors(mainErrors, submitted, submitted)).toEqual(mainErrors);
    const fixed = edited((v) => void (v.settings.title = 'Short'));
    expect(standingErrors(mainErrors, submitted, fixed)).toEqual({ 'images.logo': 'Image: choose a PNG or JPEG file', _form: 'Something else' });
    // After a revert nothing was submitted: no old message stands.
    expect(standingErrors(mainErrors, null, fixed)).toEqual({});
    expect(valueAt(fixed, 'settings.colors.panel')).toBe('#123456');
    expect(valueAt(fixed, 'settings.nothing.here')).toBeUndefined();
  });
});

describe('where an error lands', () => {
  it.each([
    ['settings.colors.panel', 'look', 'branding-colors-panel'],
    ['images.loginBackground', 'look', 'branding-images-loginBackground'],
    ['settings.templates.lowBalance.body', 'texts', 'branding-templates-lowBalance-body'],
    ['settings.payment.amounts', 'payment', 'branding-payment-amounts'],
    ['settings.hostName', 'host', 'branding-hostName'],
    ['settings.didAccess.setup', 'access', 'branding-didAccess-setup'],
    ['settings.signup.fields.company', 'display', 'branding-signup-fields-company'],
    ['settings.services.enabled', 'services', 'branding-services-enabled'],
    ['settings.configuringVersion', 'version', 'branding-configuringVersion'],
  ])('%s → tab %s, control %s', (path, tab, id) => {
    expect(tabOfPath(path)).toBe(tab);
    expect(controlIdOf(path)).toBe(id);
  });

  it('counts errors per tab and names the image in the summary', () => {
    const errors = { 'settings.colors.text': 'Text: a colour like #1a2b3c', 'images.logo': 'Image: choose a PNG or JPEG file', 'settings.hostName': 'Host name: …', _form: 'Not saved' };
    expect(errorCountByTab(errors)).toEqual({ look: 2, host: 1 });
    expect(brandingSummaryItems(errors)).toEqual([
      { fieldId: 'branding-colors-text', text: 'Text: a colour like #1a2b3c', tab: 'look' },
      { fieldId: 'branding-images-logo', text: 'Logo: choose a PNG or JPEG file', tab: 'look' },
      { fieldId: 'branding-hostName', text: 'Host name: …', tab: 'host' },
      { text: 'Not saved', tab: undefined },
    ]);
  });

  it("groups the provider's-portal checklist by where, in order", () => {
    const groups = groupsOf([
      { where: 'A', setting: 'one', value: '1' },
      { where: 'A', setting: 'two', value: '2' },
      { where: 'B', setting: 'three', value: '3' },
    ]);
    expect(groups.map((group) => [group.where, group.items.length])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
  });
});

describe('a chosen image, checked in the window by its size and first bytes', () => {
  it('takes a PNG or JPEG under 2 MB whatever its name', () => {
    expect(imageFileProblem('logo', { name: 'logo.png', size: 1000 }, PNG_HEAD)).toBeNull();
    expect(imageFileProblem('header', { name: 'header.bin', size: 1000 }, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
  });

  it('refuses a renamed program, an SVG, an empty file and one over 2 MB, naming the image', () => {
    expect(imageFileProblem('logo', { name: 'logo.png', size: 4002 }, new Uint8Array([0x4d, 0x5a, 0x90]))).toBe('Logo: logo.png is not a PNG or JPEG image');
    expect(imageFileProblem('header', { name: 'h.svg', size: 90 }, new TextEncoder().encode('<svg xmlns='))).toBe('Header: h.svg is not a PNG or JPEG image');
    expect(imageFileProblem('logo', { name: 'empty.png', size: 0 }, new Uint8Array())).toBe('Logo: empty.png is empty');
    expect(imageFileProblem('loginBackground', { name: 'big.png', size: MAX_BRANDING_IMAGE_BYTES + 1 }, PNG_HEAD)).toContain('Login background: big.png is 2.0 MB; at most 2 MB');
    expect(imageFileProblem('logo', { name: 'ok.png', size: MAX_BRANDING_IMAGE_BYTES }, PNG_HEAD)).toBeNull();
  });

  it('reads the first bytes of a data URL, and says sizes in KB and MB', () => {
    expect([...headOfDataUrl(LOGO).slice(0, 8)]).toEqual([...PNG_HEAD]);
    expect(headOfDataUrl('data:image/png;base64,!!!!')).toEqual(new Uint8Array());
    expect(sizeText(1500)).toBe('2 KB');
    expect(sizeText(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('the portal preview', () => {
  it('draws the colours and images as typed, with readable text on panels and buttons', () => {
    const look = portalLookOf(brandingValuesOf(VIEW).settings, { header: null, logo: LOGO, loginBackground: null }, VIEW.settings.colors);
    expect(look.title).toBe('Northwind Voice');
    expect(look.colors).toEqual(VIEW.settings.colors);
    expect(look.onPanel).toBe('#ffffff');
    expect(look.logo).toBe(LOGO);
    expect(look.view).toBe('standard');
    expect(look.paypalAmounts).toBeNull();
    expect(readableOn('#fdf6e3')).toBe('#000000');
  });

  it('keeps the saved colour while one is being typed, and shows a title even when none is set', () => {
    const settings = edited((v) => {
      v.settings.colors.background = '#fd';
      v.settings.title = '  ';
    }).settings;
    const look = portalLookOf(settings, { header: null, logo: null, loginBackground: null }, VIEW.settings.colors);
    expect(look.colors.background).toBe('#fdf6e3');
    expect(look.title).toBe('Client portal');
  });

  it("configuring the Old version shows the provider's panel and button colours, no logo or login background", () => {
    const settings = edited((v) => void (v.settings.configuringVersion = 'old')).settings;
    const look = portalLookOf(settings, { header: LOGO, logo: LOGO, loginBackground: LOGO }, VIEW.settings.colors);
    expect(look.colors.panel).toBe(PROVIDER_COLORS.panel);
    expect(look.colors.button).toBe(PROVIDER_COLORS.button);
    expect(look.colors.background).toBe('#fdf6e3');
    expect(look.header).toBe(LOGO);
    expect(look.logo).toBeNull();
    expect(look.loginBackground).toBeNull();
  });

  it('offers the PayPal amounts once PayPal is on with good amounts, and the own host name', () => {
    const settings = edited((v) => {
      v.settings.payment = { paypalEnabled: true, paypalEmail: 'pay@example.com', amounts: '10, 25, 50' };
      v.settings.hostName = 'Portal.Example.com';
    }).settings;
    const look = portalLookOf(settings, { header: null, logo: null, loginBackground: null }, VIEW.settings.colors);
    expect(look.paypalAmounts).toEqual([10, 25, 50]);
    expect(look.address).toBe('https://portal.example.com');
  });
});
