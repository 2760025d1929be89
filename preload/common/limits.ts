/**
 * The largest amounts the app accepts (issue 9: "nothing accepted that the app cannot
 * hold"). Stored money is integer micros and every sum of it is read back as a
 * JavaScript number, exact only up to 2^53 − 1 micros (9,007,199,254.740991). These
 * limits sit far below that, and far above anything a reseller really bills, so that a
 * balance, a day of calls or a month's total can never leave the exact range: a balance
 * within ±1,000,000,000.00 is checked after every entry, so every running balance and
 * every entry that moves it (at most the distance between two balances, 2,000,000,000.00)
 * stays exact, and a month of even 4,000 maximal typed entries (1,000,000.00 each) too.
 *
 * Shared by the window (its forms can show them) and main (the schemas and the ledger
 * door enforce them). Values are in the units they are stored in.
 */

/**
 * One ledger entry typed or billed (a payment, a charge, a fee): at most 1,000,000.00. A
 * day of calls and a reversal are bound by the balance limit instead (they sum or undo).
 */
export const MAX_ENTRY_MICROS = 1_000_000_000_000;
/** A client's balance stays within ±1,000,000,000.00. */
export const MAX_BALANCE_MICROS = 1_000_000_000_000_000;
/** A per-minute rate (cost, custom rate, DID rate, fixed markup): at most 100.00000000 a minute. */
export const MAX_RATE_E8 = 10_000_000_000;
/** A percent markup: at most 1,000 %. */
export const MAX_PERCENT_E4 = 10_000_000;

/** The same limits as text, for messages and form hints. */
export const LIMIT_TEXT = {
  entry: '1,000,000.00',
  balance: '1,000,000,000.00',
  rate: '100.00000000',
  percent: '1,000',
} as const;

/** How many daily backups may be kept (Settings → Backup, issue 14). */
export const BACKUP_KEEP_LIMITS = { min: 1, max: 365 } as const;
