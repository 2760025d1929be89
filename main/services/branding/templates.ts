import type { Kysely, Selectable } from 'kysely';
import type { ClientsTable, Database } from '../../../db/schema';
import {
  TEMPLATE_PLACEHOLDERS,
  fillTemplate,
  interfaceUrlOf,
  templateProblems,
  textToHtml,
  type EmailTemplate,
  type TemplateKind,
} from '../../../preload/common/branding';
import type { TemplatePreview } from '../../../preload/schemas/branding';
import { formatMoney, micros } from '../../money';
import { clientName, loadClient } from '../clients';
import { readInvoiceSettings } from '../invoices/settings';
import { getCurrency } from '../settings';
import { readBranding, type StoredBranding } from './settings';

/**
 * Guide, "Text and Messages": the low-balance and password e-mails are the reseller's own
 * templates. One place fills them, for the Branding page's preview and for the e-mails the
 * console sends, so what the reseller previews is what the client gets.
 */

type Db = Kysely<Database>;
type ClientRow = Selectable<ClientsTable>;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Who the preview shows when the reseller has no client yet. */
const SAMPLE_CLIENT: Pick<ClientRow, 'first_name' | 'last_name' | 'company' | 'email' | 'balance_micros' | 'low_balance_threshold_micros'> = {
  first_name: 'Alex',
  last_name: 'Sample',
  company: 'Sample Company',
  email: 'alex@example.com',
  balance_micros: 4_250_000,
  low_balance_threshold_micros: 10_000_000,
};

/** The name a template signs with: the invoices' company name, else the portal's title. */
export async function companyNameOf(db: Db, branding: StoredBranding): Promise<string> {
  const invoices = await readInvoiceSettings(db);
  return invoices.companyName.trim() !== '' ? invoices.companyName.trim() : branding.title.trim();
}

/** An example of the link a password-reset e-mail carries, on the client's own interface. */
export const exampleResetLink = (interfaceUrl: string): string => `${interfaceUrl}/reset.php?token=EXAMPLE-TOKEN`;

async function valuesFor(db: Db, branding: StoredBranding, client: typeof SAMPLE_CLIENT): Promise<Record<string, string>> {
  const currency = await getCurrency(db);
  const interfaceUrl = interfaceUrlOf(branding.hostName);
  return {
    'client.firstname': client.first_name,
    'client.lastname': client.last_name,
    'client.company': client.company,
    'client.email': client.email,
    company: await companyNameOf(db, branding),
    interface_url: interfaceUrl,
    balance: formatMoney(micros(client.balance_micros), currency),
    // A client with no threshold gets no low-balance e-mail; a preview of one shows zero.
    threshold: formatMoney(micros(client.low_balance_threshold_micros ?? 0), currency),
    reset_link: exampleResetLink(interfaceUrl),
  };
}

/** The values a template of this kind may use, for one client; `extra` (a real reset link) wins. */
export async function templateValues(db: Db, kind: TemplateKind, client: typeof SAMPLE_CLIENT, extra: Readonly<Record<string, string>> = {}): Promise<Record<string, string>> {
  const { settings } = await readBranding(db);
  const all = { ...(await valuesFor(db, settings, client)), ...extra };
  // Only the kind's own placeholders: a {reset_link} in a low-balance e-mail stays as typed (the save refuses it anyway).
  return Object.fromEntries(TEMPLATE_PLACEHOLDERS[kind].filter((name) => name in all).map((name) => [name, all[name] ?? '']));
}

/** A subject is one header line: a value with a line break must not start a new header. */
/** A subject is one line (a value cannot add a header), its spaces single (an empty value leaves none doubled). */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function fillEmail(template: EmailTemplate, values: Readonly<Record<string, string>>): RenderedEmail {
  const text = fillTemplate(template.body, values);
  return { subject: oneLine(fillTemplate(template.subject, values)), text, html: textToHtml(text) };
}

/**
 * The e-mail the console sends a client, from the reseller's saved template of that kind.
 * `extra` carries what only the sender knows (e.g. `reset_link`); it overrides the defaults.
 */
export async function renderBrandedEmail(db: Db, kind: TemplateKind, clientId: number, extra: Record<string, string>): Promise<RenderedEmail> {
  const { settings } = await readBranding(db);
  const client = await loadClient(db, clientId);
  return fillEmail(settings.templates[kind], await templateValues(db, kind, client, extra));
}

/** The client a preview uses: the one asked for, else the first by id, else the sample (null). */
export async function previewClient(db: Db, clientId: number | undefined): Promise<ClientRow | null> {
  if (clientId !== undefined) return loadClient(db, clientId);
  return (await db.selectFrom('clients').selectAll().orderBy('id').limit(1).executeTakeFirst()) ?? null;
}

/** `branding.previewTemplate`: the template as typed (not yet saved), filled with a real client's data. */
export async function previewTemplate(db: Db, input: { kind: TemplateKind; template: EmailTemplate; clientId?: number | undefined }): Promise<TemplatePreview> {
  const client = await previewClient(db, input.clientId);
  const values = await templateValues(db, input.kind, client ?? SAMPLE_CLIENT);
  const allowed = TEMPLATE_PLACEHOLDERS[input.kind];
  // Shown beside the preview, never thrown: the reseller is still typing; branding.save refuses them.
  const problems = [
    ...templateProblems(input.template.subject, allowed).map((problem) => ({ part: 'subject' as const, message: problem.message })),
    ...templateProblems(input.template.body, allowed).map((problem) => ({ part: 'body' as const, message: problem.message })),
  ];
  return { ...fillEmail(input.template, values), client: client ? { id: client.id, name: clientName(client) } : null, problems };
}
