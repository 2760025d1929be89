import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTERFACE_URL,
  DEFAULT_TEMPLATES,
  TEMPLATE_KINDS,
  TEMPLATE_PLACEHOLDERS,
  autoConnectForm,
  contrastRatio,
  contrastWarning,
  escapeHtml,
  fillTemplate,
  hostNameProblem,
  imageTypeOf,
  interfaceUrlOf,
  normalizeHexColor,
  parsePaymentAmounts,
  signupUrlOf,
  templateProblems,
  textToHtml,
} from '../../../preload/common/branding';
import { accentColors } from '../../../main/services/invoices/pdf';

// Issue 15, the guide's "Use the client branding and access": the pure rules both sides use.

const LOW = TEMPLATE_PLACEHOLDERS.lowBalance;

describe('template placeholders (guide, "Text and Messages")', () => {
  it.each([
    ['known placeholders', 'Hello {client.firstname}, {balance} < {threshold}', []],
    ['spaces inside the braces', 'Hi { client.lastname }', []],
    ['an unknown name', 'Hi {client.fristname}', ['{client.fristname}']],
    ['a placeholder of another kind', 'Open {reset_link}', ['{reset_link}']],
    ['empty braces', 'Hi {}', ['{}']],
    ['a lone opening brace', 'Hi { there', ['{']],
    ['a lone closing brace', 'Hi } there', ['}']],
    ['escaped braces', 'Use {{ and }} for braces: {{client.firstname}}', []],
    ['a brace opened inside another', '{a{balance}', ['{']],
    ['three braces: an escape and a placeholder', '{{{company}}}', []],
    ['three closing braces', 'x }}}', ['}']],
  ])('%s', (_label, text, problems) => {
    expect(templateProblems(text, LOW).map((problem) => problem.text)).toEqual(problems);
  });

  it('says what a lone brace and an unknown name are, and lists the allowed ones', () => {
    const [lone] = templateProblems('a { b', LOW);
    expect(lone!.message).toMatch(/lone "\{".*\{\{/);
    const [unknown] = templateProblems('{nope}', LOW);
    expect(unknown!.message).toContain('{client.firstname}');
    expect(unknown!.message).toContain('{threshold}');
  });

  it('the default templates use only their own placeholders', () => {
    for (const kind of TEMPLATE_KINDS) {
      const template = DEFAULT_TEMPLATES[kind];
      expect(templateProblems(template.subject, TEMPLATE_PLACEHOLDERS[kind])).toEqual([]);
      expect(templateProblems(template.body, TEMPLATE_PLACEHOLDERS[kind])).toEqual([]);
    }
  });

  const values = { 'client.firstname': 'Ada', company: 'Acme Voice', balance: '$4.25' };
  it.each([
    ['Hello {client.firstname}', 'Hello Ada'],
    ['Hello { client.firstname }', 'Hello Ada'],
    ['{{client.firstname}}', '{client.firstname}'],
    ['{{{company}}}', '{Acme Voice}'],
    ['{unknown} stays as typed', '{unknown} stays as typed'],
    ['a lone { stays', 'a lone { stays'],
    ['{balance}{balance}', '$4.25$4.25'],
  ])('fills %j', (text, filled) => {
    expect(fillTemplate(text, values)).toBe(filled);
  });

  it('fills once: a value that looks like a placeholder is not filled again', () => {
    expect(fillTemplate('Hi {client.firstname}', { 'client.firstname': '{company}', company: 'X' })).toBe('Hi {company}');
  });
});

describe('HTML', () => {
  it.each([
    [`<script>alert("x") & 'y'</script>`, '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;'],
    ['plain', 'plain'],
    ['&amp;', '&amp;amp;'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it('text becomes paragraphs and line breaks, escaped', () => {
    expect(textToHtml('Hello <b>\nline two\n\nNext & last')).toBe('<p>Hello &lt;b&gt;<br>line two</p>\n<p>Next &amp; last</p>');
  });
});

/**
 * A strict reader for the auto-connect form: comments (no "--" inside), start and end tags
 * with double-quoted attributes, text with no markup characters. Anything else is not the
 * well-formed snippet a reseller pastes into their site.
 */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#45;': '-' };
const decode = (text: string): string => text.replace(/&(amp|lt|gt|quot|#39|#45);/g, (entity) => ENTITIES[entity]!);
type Token = { kind: 'comment'; text: string } | { kind: 'start'; name: string; attributes: Record<string, string> } | { kind: 'end'; name: string } | { kind: 'text'; text: string };

function readStrictHtml(html: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /<!--((?:(?!--)[\s\S])*)-->|<([a-z]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>|<\/([a-z]+)>|([^<>"]+)/gy;
  let offset = 0;
  for (const match of html.matchAll(pattern)) {
    if (match.index !== offset) break;
    offset += match[0].length;
    // A browser shows a comment as written: no entity is read there.
    if (match[1] !== undefined) tokens.push({ kind: 'comment', text: match[1] });
    else if (match[2] !== undefined) {
      const attributes: Record<string, string> = {};
      for (const attribute of match[3]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attributes[attribute[1]!] = decode(attribute[2] ?? '');
      tokens.push({ kind: 'start', name: match[2], attributes });
    } else if (match[4] !== undefined) tokens.push({ kind: 'end', name: match[4] });
    else tokens.push({ kind: 'text', text: decode(match[5]!) });
  }
  if (offset !== html.length) throw new Error(`Not well-formed at ${offset}: ${JSON.stringify(html.slice(offset, offset + 40))}`);
  return tokens;
}

const attributesOf = (tokens: Token[], name: string, inputName?: string): Record<string, string> => {
  const found = tokens.find((token) => token.kind === 'start' && token.name === name && (inputName === undefined || token.attributes.name === inputName));
  if (!found || found.kind !== 'start') throw new Error(`No <${name}>`);
  return found.attributes;
};

describe('the auto-connect form (guide, "Auto Connect Form for Clients")', () => {
  const base = { interfaceUrl: 'https://portal.acme-voice.com/', reseller: '100000', title: 'Acme "Voice" <Portal>' };

  it('stays well-formed, and every value reads back as given, for a client called Jo "<b>" -- O\'Brien & Co', () => {
    const client = { username: 'jo"<x>@example.com', name: `Jo "<b>" -- O'Brien & Co --> <!--` };
    const html = autoConnectForm({ ...base, client });
    const tokens = readStrictHtml(html);
    expect(attributesOf(tokens, 'form')).toEqual({ action: 'https://portal.acme-voice.com/login.php', method: 'post' });
    expect(attributesOf(tokens, 'input', 'reseller').value).toBe('100000');
    expect(attributesOf(tokens, 'input', 'username').value).toBe(client.username);
    expect(tokens.find((token) => token.kind === 'comment')).toEqual({ kind: 'comment', text: ` Auto-connect form for Jo "b" - O'Brien & Co - !- ` });
    expect(tokens.filter((token) => token.kind === 'text' && token.text.trim() !== '').map((token) => token.kind === 'text' && token.text)).toEqual(['Go to Acme "Voice" <Portal>']);
    expect(html).not.toContain('<b>');
  });

  it('blank: no comment, no user name, a generic button without a title', () => {
    const tokens = readStrictHtml(autoConnectForm({ ...base, title: ' ', client: null }));
    expect(tokens.some((token) => token.kind === 'comment')).toBe(false);
    expect(attributesOf(tokens, 'input', 'username').value).toBe('');
    expect(tokens.some((token) => token.kind === 'text' && token.text === 'Go to my account')).toBe(true);
  });

  it('any client name and user name keep the form well-formed and read back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), fc.string(), (name, username, title) => {
        const tokens = readStrictHtml(autoConnectForm({ ...base, title, client: { username, name } }));
        expect(attributesOf(tokens, 'input', 'username').value).toBe(username);
        const comment = tokens.find((token) => token.kind === 'comment');
        // The name as written, less what could end or open a comment.
        expect(comment).toEqual({ kind: 'comment', text: ` Auto-connect form for ${name.replace(/[<>]/g, '').replace(/-+/g, '-')} ` });
        expect(comment?.kind === 'comment' && /--|[<>]/.test(comment.text.replace('Auto-connect', ''))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('colours (WCAG 2.x contrast)', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#000000', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#767676', '#ffffff', 4.54],
  ])('%s on %s is %d:1', (text, background, ratio) => {
    expect(contrastRatio(text, background)).toBeCloseTo(ratio, 2);
  });

  it('warns under 4.5:1 only', () => {
    expect(contrastWarning('#777777', '#ffffff')).toMatch(/4\.48:1.*4\.5:1/);
    expect(contrastWarning('#767676', '#ffffff')).toBeNull();
    expect(contrastWarning('#1b1f24', '#f4f6f9')).toBeNull();
  });

  it.each([
    ['#ABC', '#aabbcc'],
    ['abc', '#aabbcc'],
    [' #A1B2C3 ', '#a1b2c3'],
    ['red', null],
    ['#abcd', null],
    ['#12345g', null],
    ['', null],
  ])('%j → %j', (text, color) => {
    expect(normalizeHexColor(text)).toBe(color);
  });
});

describe('an invoice in the branding colour stays readable', () => {
  it.each([
    ['the invoice’s own', undefined, { accent: '#1d4e89', title: '#1d4e89', onAccent: '#ffffff' }],
    ['a dark brand colour', '#8b1e3f', { accent: '#8b1e3f', title: '#8b1e3f', onAccent: '#ffffff' }],
    ['a mid colour: the title keeps it, the band words turn to ink', '#3b82f6', { accent: '#3b82f6', title: '#3b82f6', onAccent: '#1f2933' }],
    ['a pale colour: ink for both', '#f4f6f9', { accent: '#f4f6f9', title: '#1f2933', onAccent: '#1f2933' }],
  ])('%s', (_label, accent, colors) => {
    expect(accentColors(accent)).toEqual(colors);
  });
});

describe('host name (guide, "Host Name": "the fully qualified host + domain name")', () => {
  it.each(['', 'interface.mydomain.com', 'Portal.Example.CO.uk', 'a-b.c-d.example', `${'a'.repeat(63)}.example.com`])('accepts %j', (host) => {
    expect(hostNameProblem(host)).toBeNull();
  });

  it.each([
    ['mydomain.com', /full host and domain/],
    ['https://interface.mydomain.com', /no https/],
    ['interface.mydomain.com/login', /no https/],
    ['interface.mydomain.com:8443', /no https/],
    ['user@interface.mydomain.com', /no https/],
    ['inter face.mydomain.com', /no https/],
    ['-portal.mydomain.com', /not a valid part/],
    ['portal-.mydomain.com', /not a valid part/],
    ['portal..mydomain.com', /not a valid part/],
    ['por_tal.mydomain.com', /not a valid part/],
    [`${'a'.repeat(64)}.example.com`, /not a valid part/],
    [`${'abcdefghi.'.repeat(26)}com`, /253/],
    ['10.0.0.1', /not an IP address/],
  ])('refuses %j', (host, message) => {
    expect(hostNameProblem(host)).toMatch(message);
  });

  it('the interface and signup addresses', () => {
    expect(interfaceUrlOf('')).toBe(DEFAULT_INTERFACE_URL);
    expect(interfaceUrlOf(' Portal.Acme.com ')).toBe('https://portal.acme.com');
    expect(signupUrlOf('portal.acme.com', '100 000&x')).toBe('https://portal.acme.com/signup.php?reseller=100%20000%26x');
  });
});

describe('PayPal amounts (guide: "without decimal and separated by a coma")', () => {
  it.each([
    ['', []],
    ['10, 25, 50', [10, 25, 50]],
    [' 5 ', [5]],
    ['100,20', [100, 20]],
    ['1,2,3,4,5,6,7,8,9,10,11,12', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ])('%j → %j', (text, amounts) => {
    expect(parsePaymentAmounts(text)).toEqual({ amounts });
  });

  it.each([
    ['10.50', /not a whole number/],
    ['10,', /not a whole number/],
    ['10;20', /not a whole number/],
    ['ten', /not a whole number/],
    ['-5', /not a whole number/],
    ['100000', /not a whole number/],
    ['0', /at least 1/],
    ['10, 10', /twice/],
    ['1,2,3,4,5,6,7,8,9,10,11,12,13', /at most 12/],
  ])('refuses %j', (text, message) => {
    const parsed = parsePaymentAmounts(text);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('image types by their first bytes, whatever the name says', () => {
  const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
  it.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['a PNG cut short', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), null],
    ['a Windows program (MZ)', bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0), null],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    ['a GIF', new TextEncoder().encode('GIF89a'), null],
    ['nothing', bytes(), null],
  ])('%s', (_label, content, type) => {
    expect(imageTypeOf(content)).toBe(type);
  });
});
