import type { BillingRunResult } from '../../preload/schemas/clients';
import { formatDay } from '../../preload/common/dates';
import { formatMoney } from '../../preload/common/format';
import { plural } from '../../preload/common/plural';
import { isoNow, type ServiceContext } from './context';

/** What started a billing run the reseller did not ask for (issue 10: billing on time). */
export type BillingTrigger = 'start' | 'midnight' | 'wake' | 'check';

const TRIGGER_LABELS: Record<BillingTrigger, string> = {
  start: 'Billing at start',
  midnight: 'Billing at midnight',
  wake: 'Billing after the computer woke',
  check: 'Billing for the new day',
};

/** "Billing at midnight (Nov 26, 2026): 3 billing cycles closed for 2 clients, $89.85 in fees." — or null when nothing was billed. */
export function billedNotice(trigger: BillingTrigger, result: BillingRunResult): string | null {
  if (result.cyclesClosed === 0 && result.entriesWritten === 0) return null;
  const skipped = result.skipped.length > 0 ? ` ${plural(result.skipped.length, 'client package', 'client packages')} skipped (see its notice).` : '';
  return (
    `${TRIGGER_LABELS[trigger]} (${formatDay(result.date)}): ${plural(result.cyclesClosed, 'billing cycle', 'billing cycles')} closed ` +
    `for ${plural(result.clients, 'client', 'clients')}, ${formatMoney(result.charged)} in fees.${skipped}`
  );
}

/** Issue 10: a run that billed something tells the reseller what, in a notice (the start's run too). */
export async function raiseBilledNotice(ctx: ServiceContext, trigger: BillingTrigger, result: BillingRunResult): Promise<string | null> {
  const notice = billedNotice(trigger, result);
  if (notice !== null) {
    await ctx.db.insertInto('notices').values({ client_id: null, kind: 'billing', message: notice, created_at: isoNow(ctx) }).execute();
  }
  return notice;
}
