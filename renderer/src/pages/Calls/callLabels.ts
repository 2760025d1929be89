import type { CallView } from '../../../../preload/schemas/calls';
import { DISPLAY_LOCALE } from '../../../../preload/common/format';

/** The "why" of a rated call's price, in the guide's words. */
export const RULE_LABELS: Record<string, string> = {
  unanswered: 'Unanswered',
  zero_seconds: 'Zero seconds',
  on_net_free: 'Free on-net',
  custom_rate: 'Custom rate',
  markup: 'Markup',
  inbound_did: 'DID rate',
};

const DISPOSITION_LABELS: Record<string, string> = {
  ANSWERED: 'Answered',
  'NO ANSWER': 'No answer',
  BUSY: 'Busy',
  FAILED: 'Failed',
};

export const dispositionLabel = (disposition: string): string => DISPOSITION_LABELS[disposition] ?? disposition;

export const directionLabel = (direction: CallView['direction']): string => (direction === 'inbound' ? 'Inbound' : 'Outbound');

/** "2026-11-25 17:28:03" → ["2026-11-25", "17:28:03"]: the provider's own clock, as it wrote it. */
export function splitStartedAt(startedAt: string): [day: string, time: string] {
  const [day = startedAt, time = ''] = startedAt.split(' ');
  return [day, time];
}

/** The provider writes numbers as bare digits; anything else (an extension, "s") stays as written. */
export const isDialledNumber = (destination: string): boolean => /^\d{7,15}$/.test(destination);

export const formatCount = (value: number): string => value.toLocaleString(DISPLAY_LOCALE);
