/**
 * How a call's fields read, for the window's tables and main's CSV exports alike (the
 * same words in the Global CDR and in its file).
 */

/** The "why" of a rated call's price, in the guide's words. */
export const RULE_LABELS: Record<string, string> = {
  unanswered: 'Unanswered',
  zero_seconds: 'Zero seconds',
  on_net_free: 'Free on-net',
  custom_rate: 'Custom rate',
  markup: 'Markup',
  inbound_did: 'DID rate',
};

export const DISPOSITION_LABELS: Record<string, string> = {
  ANSWERED: 'Answered',
  'NO ANSWER': 'No answer',
  BUSY: 'Busy',
  FAILED: 'Failed',
};

export const dispositionLabel = (disposition: string): string => DISPOSITION_LABELS[disposition] ?? disposition;

export const directionLabel = (direction: 'inbound' | 'outbound'): string => (direction === 'inbound' ? 'Inbound' : 'Outbound');

/** What priced a call: its rule's label, or "Unrated" while it waits for a client and package. */
export const pricedByLabel = (status: 'rated' | 'unrated', rule: string | null): string =>
  status === 'unrated' ? 'Unrated' : (RULE_LABELS[rule ?? ''] ?? rule ?? 'Rated');
