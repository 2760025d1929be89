import { DISPLAY_LOCALE } from '../../../../preload/common/format';

export { RULE_LABELS, dispositionLabel, directionLabel, pricedByLabel } from '../../../../preload/common/calls';

/** "2026-11-25 17:28:03" → ["2026-11-25", "17:28:03"]: the provider's own clock, as it wrote it. */
export function splitStartedAt(startedAt: string): [day: string, time: string] {
  const [day = startedAt, time = ''] = startedAt.split(' ');
  return [day, time];
}

/** The provider writes numbers as bare digits; anything else (an extension, "s") stays as written. */
export const isDialledNumber = (destination: string): boolean => /^\d{7,15}$/.test(destination);

export const formatCount = (value: number): string => value.toLocaleString(DISPLAY_LOCALE);
