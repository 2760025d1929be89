import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { StoredInvoiceSettings } from '../invoices/settings';
import { brandingImageDataUrl } from './images';
import { readBranding } from './settings';

/**
 * Issue 15: "The company details the invoices use can take the branding logo and colours, so
 * invoices and the client portal look alike." Read when an invoice is issued and kept with it
 * (its logo row, its content's accent), so an issued invoice prints the same bytes forever,
 * whatever the branding becomes later (DESIGN.md: invoices are immutable once issued).
 */
export interface InvoiceLook {
  /** The logo's data URL, or null for none. */
  logo: string | null;
  /** The colour of the invoice's title, table header and amount-due band (#rrggbb); null: the invoice's own. */
  accent: string | null;
}

export async function invoiceLook(db: Kysely<Database> | Transaction<Database>, invoiceSettings: Pick<StoredInvoiceSettings, 'logo'>): Promise<InvoiceLook> {
  const { settings } = await readBranding(db);
  if (!settings.invoicesUseBranding) return { logo: invoiceSettings.logo, accent: null };
  // The portal's panels carry its brand colour; without a branding logo the invoice keeps its own.
  return { logo: (await brandingImageDataUrl(db, 'logo')) ?? invoiceSettings.logo, accent: settings.colors.panel };
}
