import { z } from 'zod';
import { ROUTES, type RouteChoice } from '../common/catalog';
import { idField, nonNegativePercent, nonNegativeRate, TEXT_LIMITS, wholeNumber } from './fields';

export interface CountryOption {
  code: string;
  name: string;
  callingCode: string;
}

/** Markups the editor shows but has not saved: the preview prices with these instead of the saved ones. */
const unsavedMarkup = z
  .object({
    fixed: nonNegativeRate('Fixed markup'),
    percent: nonNegativePercent('Percent markup'),
  })
  .strict();

export const previewInput = z
  .object({
    /** The saved package; absent only with `markup` (a package being created: no custom rates yet). */
    packageId: idField.optional(),
    destination: z
      .string({ error: 'Enter a number to call' })
      .max(TEXT_LIMITS.phone, 'Enter 3 to 20 digits')
      .trim()
      .min(1, 'Enter a number to call')
      .refine((value) => /^\+?[\d\s\-().]+$/.test(value), 'A phone number has digits only (spaces, dashes and a leading + are fine)')
      .transform((value) => value.replace(/[\s\-().]/g, ''))
      .refine((value) => value.replace('+', '').length >= 3 && value.length <= 20, 'Enter 3 to 20 digits'),
    seconds: wholeNumber('Duration', 0, 86_400, { text: true, maxText: '24 hours' }),
    /** The provider's per-minute cost; when absent the cost deck is used. */
    costRate: nonNegativeRate('Cost rate').optional(),
    inbound: z.boolean().default(false),
    /** Inbound: the DID's per-minute rate. */
    didRate: nonNegativeRate('DID rate').optional(),
    markup: unsavedMarkup.optional(),
  })
  .strict()
  .refine((input) => input.packageId !== undefined || input.markup !== undefined, {
    message: 'Choose a package, or give the markup to price with',
    path: ['packageId'],
  });

/** Why a preview has no price: the markup needs the provider's cost, and none is known. Never shown as 0. */
export interface PriceUnknown {
  reason: 'no_cost';
  /** "Germany (+49)": the destination the cost is missing for. */
  destinationLabel: string;
  /** What would make the price known. */
  missing: string;
}

export interface PricePreview {
  destination: string;
  country: string | null;
  countryName: string | null;
  /** For +1 numbers, the ISO code of the area code's country ('US', 'CA', 'JM'…); else null. */
  nanpRegion: string | null;
  direction: 'outbound' | 'inbound';
  rule: string;
  /** A sentence: why this price. */
  explanation: string;
  customRateLabel: string | null;
  freeZone: boolean;
  /** Set when the price cannot be known (no cost for a markup price): the sell rate and charge are then null. */
  priceUnknown: PriceUnknown | null;
  sellRate: string | null;
  /** What the markup alone makes of the cost rate (the guide's formula), whether or not a custom rate won; null without a cost. */
  markupSellRate: string | null;
  costRate: string | null;
  costSource: string;
  billedSeconds: number;
  freeSecondsUsed: number;
  freeMinutesUsed: number;
  charge: string | null;
  /** The provider's cost and the profit: null when no cost is known (never 0 for "unknown"). */
  cost: string | null;
  profit: string | null;
}

export const costImportInput = z
  .object({
    route: z.enum(ROUTES, { error: 'Choose the route (Value or Premium)' }),
    csv: z.string().min(1, 'The file is empty').max(8_000_000, 'The file is larger than 8 MB'),
    /** Replace the route's whole deck instead of adding to it. */
    replace: z.boolean().default(false),
  })
  .strict();

export interface RejectedLine {
  line: number;
  reason: string;
}

export interface CostImportResult {
  route: RouteChoice;
  imported: number;
  /** Every line not imported, with its reason: a bad field, or a duplicate of an earlier line. */
  rejected: RejectedLine[];
  total: number;
  /** Set when nothing was imported (the deck is left as it was): the import failed. */
  failure: string | null;
}

export interface CostDeckSummary {
  route: RouteChoice;
  prefixes: number;
  importedAt: string | null;
}

export const priceListInput = z.object({ packageId: idField }).strict();

export interface PriceListFile {
  fileName: string;
  csv: string;
  rows: number;
  /** Rows without a sell price: no cost on the package's route and no custom rate (the row says so). */
  unpriced: number;
}

export type PreviewData = z.output<typeof previewInput>;
