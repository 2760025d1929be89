import { nextCycleDate, previousCycleDate } from './billingDates';

/** A client package's cycles as far as they are known. */
export interface BillingCycles {
  /** The anchor day of the cycle. */
  billingDay: number;
  /** The first day of the open cycle. */
  cycleStartDate: string;
  /** The billing date that will close the open cycle. */
  nextBillingDate: string;
  /** Closed periods, [start, end), oldest first. */
  closed: readonly { start: string; end: string }[];
}

/**
 * Which billing cycle a call belongs to: the first day of the cycle a call day falls
 * in (free minutes are per cycle, DESIGN rule 6). Closed periods are taken as recorded
 * (the first one starts on the connection day); beyond the open cycle, cycles step by
 * month on the anchor day; before anything known, whole months back.
 */
export function cycleStartFor(day: string, cycles: BillingCycles): string {
  if (day >= cycles.cycleStartDate) {
    let start = cycles.cycleStartDate;
    let end = cycles.nextBillingDate;
    while (day >= end) {
      start = end;
      end = nextCycleDate(end, cycles.billingDay);
    }
    return start;
  }
  for (let index = cycles.closed.length - 1; index >= 0; index -= 1) {
    const period = cycles.closed[index]!;
    if (day >= period.start && day < period.end) return period.start;
  }
  let start = cycles.closed[0]?.start ?? cycles.cycleStartDate;
  while (day < start) start = previousCycleDate(start, cycles.billingDay);
  return start;
}
