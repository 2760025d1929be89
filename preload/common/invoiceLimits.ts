/**
 * Invoice limits both sides use (issue 11): the schemas (preload/schemas/invoices.ts)
 * enforce them, the window's forms show them before anything is sent.
 */

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** At most this many taxes in a list (the default one, or a client's own). */
export const MAX_TAXES = 5;

/** A logo as a data URL (PNG or JPEG), at most this many characters (~375 KB of image). */
export const MAX_LOGO_CHARS = 500_000;
