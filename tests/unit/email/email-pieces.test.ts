import { describe, expect, it } from 'vitest';
import { invoiceLetter, invoiceSubject } from '../../../main/services/email/compose';
import { composeLowBalanceEmail, lowBalanceAddress } from '../../../main/services/email/lowBalance';
import { EMAIL_MAX_ATTEMPTS, emailRetryDelay } from '../../../main/services/email/retries';
import { EMPTY_EMAIL_SETTINGS, isLoopbackHost, parseEmailSettings, toSettingsView } from '../../../main/services/email/settings';
import { describeSmtpFailure, SMTP_TIMEOUTS, smtpOptions } from '../../../main/services/email/transport';
import { DEFAULT_TEMPLATES } from '../../../preload/common/branding';

/** Issue 15: the pure pieces of sending e-mail. */

describe('the SMTP connection', () => {
  const config = { host: 'smtp.example.com', port: 587, user: 'mailer', password: 'pw' } as const;
  it.each([
    ['tls', { secure: true }],
    ['starttls', { secure: false, requireTLS: true }],
    ['none', { secure: false, ignoreTLS: true }],
  ] as const)('security %s', (security, expected) => {
    const options = smtpOptions({ ...config, security });
    expect(options).toMatchObject({ host: 'smtp.example.com', port: 587, auth: { user: 'mailer', pass: 'pw' }, ...expected, ...SMTP_TIMEOUTS });
    // Only what was asked: STARTTLS is never skipped when required, never tried when none.
    if (security !== 'starttls') expect(options.requireTLS).toBeUndefined();
    if (security !== 'none') expect(options.ignoreTLS).toBeUndefined();
  });

  it('logs in only with a user', () => {
    expect(smtpOptions({ ...config, security: 'tls', user: '', password: '' }).auth).toBeUndefined();
  });
});

describe("a failure in the server's words", () => {
  const where = { host: 'smtp.example.com', port: 587 };
  it.each([
    [{ code: 'EAUTH', response: '535 5.7.8 Authentication failed', responseCode: 535, command: 'AUTH PLAIN' }, /^The SMTP server smtp\.example\.com:587 refused the login: 535 5\.7\.8 Authentication failed$/, false, true],
    [{ code: 'EENVELOPE', response: '550 5.1.1 No such user', responseCode: 550, command: 'RCPT TO' }, /refused \(RCPT TO\): 550 5\.1\.1 No such user$/, true, false],
    [{ code: 'EENVELOPE', response: '451 4.3.0 Try later', responseCode: 451, command: 'RCPT TO' }, /refused \(RCPT TO\): 451 4\.3\.0 Try later$/, false, false],
    [{ code: 'EMESSAGE', response: '552 5.3.4 Message too big', responseCode: 552, command: 'DATA' }, /refused \(DATA\): 552/, false, false],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:587' }, /^Could not reach the SMTP server smtp\.example\.com:587: connect ECONNREFUSED/, false, false],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, /did not answer in time: Greeting never received$/, false, false],
    ['something odd', /^Sending through smtp\.example\.com:587 failed: something odd$/, false, false],
  ] as const)('%j', (error, message, permanent, authentication) => {
    const described = describeSmtpFailure(error, where);
    expect(described.message).toMatch(message);
    expect(described.permanent).toBe(permanent);
    expect(described.authentication).toBe(authentication);
  });

  it('is one line, whatever the server sent', () => {
    expect(describeSmtpFailure({ response: '550-5.7.1 Line one\r\n550 5.7.1 Line two', responseCode: 550, command: 'DATA' }, where).message).not.toMatch(/[\r\n]/);
  });
});

describe('retries', () => {
  it('wait 1 min, 5 min, 30 min, 2 h, 6 h, then the e-mail has failed', () => {
    const waits = Array.from({ length: EMAIL_MAX_ATTEMPTS + 1 }, (_, index) => emailRetryDelay(index + 1));
    expect(waits).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, null, null]);
    expect(emailRetryDelay(1, true)).toBeNull();
  });
});

describe('stored settings', () => {
  it('are read field by field: what is missing or of the wrong type gets its default', () => {
    expect(parseEmailSettings(undefined)).toEqual(EMPTY_EMAIL_SETTINGS);
    expect(parseEmailSettings('not json')).toEqual(EMPTY_EMAIL_SETTINGS);
    expect(parseEmailSettings('[1]')).toMatchObject({ enabled: false, host: '' });
    expect(parseEmailSettings(JSON.stringify({ enabled: 'yes', host: 'smtp.example.com', port: 99999, security: 'ssl', sealedPassword: '' }))).toEqual({ ...EMPTY_EMAIL_SETTINGS, host: 'smtp.example.com' });
    expect(parseEmailSettings(JSON.stringify({ enabled: true, port: 465, security: 'tls', sealedPassword: 'rcs1:x' }))).toMatchObject({ enabled: true, port: 465, security: 'tls', sealedPassword: 'rcs1:x' });
  });

  it('never show the password', () => {
    const view = toSettingsView({ ...EMPTY_EMAIL_SETTINGS, sealedPassword: 'rcs1:abc' });
    expect(view).toMatchObject({ passwordSaved: true });
    expect(JSON.stringify(view)).not.toContain('rcs1');
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['1270.0.0.1', false],
    ['smtp.example.com', false],
    ['10.0.0.5', false],
  ])('%s on this computer: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('the low-balance e-mail', () => {
  const client = { id: 1, first_name: 'Jo <b>', last_name: 'Martin', company: 'A & B', email: 'jo@client.example', low_balance_email: '', low_balance_threshold_micros: 10_000_000 };
  const branding = (lowBalance: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ title: 'Northwind Portal', hostName: '', templates: { ...DEFAULT_TEMPLATES, lowBalance }, ...extra });

  it('fills the default template, the company from the invoices, else the portal title', () => {
    const email = composeLowBalanceEmail({ branding: undefined, invoices: JSON.stringify({ companyName: ' Northwind Telecom ' }) }, client, 4_250_000, 'USD');
    expect(email.subject).toBe('Your Northwind Telecom balance is low');
    expect(email.text).toContain('Your balance is $4.25, below your low-balance threshold of $10.00.');
    expect(email.text).toContain('Add funds at https://voipinterface.net');
    const titled = composeLowBalanceEmail({ branding: branding(DEFAULT_TEMPLATES.lowBalance), invoices: undefined }, client, -1_000_000, 'CAD');
    expect(titled.subject).toBe('Your Northwind Portal balance is low');
    expect(titled.text).toContain('Your balance is -CA$1.00');
  });

  it("uses the reseller's template, escapes the HTML, keeps the subject on one line", () => {
    const email = composeLowBalanceEmail({ branding: branding({ subject: '{client.firstname}\r\nBcc: x@evil.example', body: 'Hi {client.firstname} of {client.company}, {{balance}} is {balance}' }), invoices: undefined }, client, 0, 'USD');
    expect(email.subject).toBe('Jo <b> Bcc: x@evil.example');
    expect(email.text).toBe('Hi Jo <b> of A & B, {balance} is $0.00');
    expect(email.html).toBe('<p>Hi Jo &lt;b&gt; of A &amp; B, {balance} is $0.00</p>');
  });

  it('falls back to the default for a saved template that does not check out (edited by hand)', () => {
    const email = composeLowBalanceEmail({ branding: branding({ subject: 'Hi {reset_link}', body: 'x' }), invoices: undefined }, client, 0, 'USD');
    expect(email.subject).toBe(DEFAULT_TEMPLATES.lowBalance.subject.replace('{company}', 'Northwind Portal'));
    expect(composeLowBalanceEmail({ branding: '{oops', invoices: '[]' }, client, 0, 'USD').subject).toBe('Your balance is low'); // no company: the subject keeps single spaces
  });

  it('goes to the low-balance address, else the e-mail', () => {
    expect(lowBalanceAddress({ email: 'a@x.example', low_balance_email: ' ' })).toBe('a@x.example');
    expect(lowBalanceAddress({ email: 'a@x.example', low_balance_email: 'alerts@x.example' })).toBe('alerts@x.example');
    expect(lowBalanceAddress({ email: '', low_balance_email: '' })).toBe('');
  });
});

describe('the invoice e-mail', () => {
  it('names the invoice and the company', () => {
    expect(invoiceSubject('invoice', 'NW-000100', 'Northwind')).toBe('Invoice NW-000100 from Northwind');
    expect(invoiceSubject('credit_note', 'NW-000101', '')).toBe('Credit note NW-000101');
  });

  it('is a short letter; a credit note has no amount due', () => {
    const letter = { kind: 'invoice' as const, number: 'NW-1', issueDate: '2026-11-25', periodStart: '2026-11-01', periodEnd: '2026-11-25', amountDue: '$12.50', firstName: 'Alice', company: 'Northwind' };
    expect(invoiceLetter(letter)).toBe('Hello Alice,\n\nPlease find attached invoice NW-1 of 2026-11-25, for 2026-11-01 to 2026-11-25.\nAmount due: $12.50.\n\nThank you,\nNorthwind');
    expect(invoiceLetter({ ...letter, kind: 'credit_note', amountDue: null, firstName: ' ', company: '' })).toBe('Hello,\n\nPlease find attached credit note NW-1 of 2026-11-25, for 2026-11-01 to 2026-11-25.\n\nThank you,');
  });
});
