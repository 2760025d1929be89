import { micros, type Micros } from '../money/units';
import { dayOfMonth, dueCycleDates, nextCycleDate, nextDay } from './billingDates';

/**
 * What a billing run charges (DESIGN.md "Balances, billing cycle, invoices"), pure:
 * the service reads a client package and its DIDs, asks here, and writes the answer.
 * Guide: on a client package's billing date, charge the package monthly fee and each
 * connected DID's monthly fee and start a new cycle (free minutes reset); a setup fee
 * not charged "now" at connection is charged on the first cycle. Whole months: fees are
 * never prorated; a package that missed several cycles is billed once per missed cycle,
 * in order; a cycle anchored on the 31st falls on the last day of shorter months.
 */

/** A client package as billing sees it. */
export interface ConnectionBillingState {
  clientPackageId: number;
  clientId: number;
  packageName: string;
  monthlyFee: Micros;
  setupFee: Micros;
  /** The anchor day of the cycle (the day of the first billing date). */
  billingDay: number;
  nextBillingDate: string;
  cycleStartDate: string;
  setupFeePending: boolean;
  disconnected: boolean;
}

/** A DID connected to the client package. */
export interface ConnectedDidFee {
  assignmentId: number;
  /** Digits, e.g. '15145550001'. */
  number: string;
  monthlyFee: Micros;
}

export type BillingEntryKind = 'setup_fee' | 'monthly_fee' | 'did_monthly_fee';

/** A ledger entry to post (the shape of the ledger door's NewLedgerEntry). */
export interface BillingEntry {
  clientId: number;
  kind: BillingEntryKind;
  /** Negative: a fee takes from the balance. */
  amount: Micros;
  description: string;
  occurredOn: string;
  /** Unique per fee and cycle, so a second run for the same date charges nothing twice. */
  reference: string;
  clientPackageId?: number;
  didAssignmentId?: number;
}

export interface BilledCycle {
  /** The billing date that closes the cycle. */
  date: string;
  entries: BillingEntry[];
  /** The period closed for invoicing, [start, end). */
  period: { start: string; end: string };
}

export interface BillingRunPlan {
  cycles: BilledCycle[];
  /** The client package's cycle state after the run (unchanged when nothing was due). */
  next: { cycleStartDate: string; nextBillingDate: string; setupFeePending: boolean };
}

type SetupFeeConnection = Pick<ConnectionBillingState, 'clientPackageId' | 'clientId' | 'packageName' | 'setupFee'>;

/** The setup-fee entry of a client package, whenever it is charged (one reference: charged once). */
export function setupFeeEntry(connection: SetupFeeConnection, occurredOn: string): BillingEntry {
  return {
    clientId: connection.clientId,
    kind: 'setup_fee',
    amount: micros(-connection.setupFee),
    description: `Setup fee: ${connection.packageName}`,
    occurredOn,
    reference: `setup:${connection.clientPackageId}`,
    clientPackageId: connection.clientPackageId,
  };
}

/** Guide: "charge the set up fees now" — else the fee waits for the first billing cycle; no fee, nothing to charge. */
export function setupFeeTiming(setupFee: number, chargeSetupNow: boolean): 'now' | 'first_cycle' | 'none' {
  if (setupFee <= 0) return 'none';
  return chargeSetupNow ? 'now' : 'first_cycle';
}

/** The cycle state of a package connected on `today` with its first billing date (anchored on that date's day). */
export function newConnectionCycle(today: string, nextBillingDate: string, setupFee: number, chargeSetupNow: boolean) {
  const timing = setupFeeTiming(setupFee, chargeSetupNow);
  return {
    billingDay: dayOfMonth(nextBillingDate),
    nextBillingDate,
    cycleStartDate: today,
    setupFeePending: timing === 'first_cycle',
    chargeSetupNow: timing === 'now',
  };
}

/** Every cycle of `connection` due on or before `runDate`, with the entries each one posts. */
export function planBillingRun(connection: ConnectionBillingState, dids: readonly ConnectedDidFee[], runDate: string): BillingRunPlan {
  const unchanged: BillingRunPlan = {
    cycles: [],
    next: { cycleStartDate: connection.cycleStartDate, nextBillingDate: connection.nextBillingDate, setupFeePending: connection.setupFeePending },
  };
  if (connection.disconnected) return unchanged;
  const cycleDates = dueCycleDates(connection.nextBillingDate, connection.billingDay, runDate);
  if (cycleDates.length === 0) return unchanged;

  const feeDids = dids.filter((did) => did.monthlyFee > 0).sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const cycles: BilledCycle[] = [];
  let cycleStart = connection.cycleStartDate;
  let setupPending = connection.setupFeePending;
  for (const date of cycleDates) {
    const entries: BillingEntry[] = [];
    if (setupPending) {
      entries.push(setupFeeEntry(connection, date));
      setupPending = false;
    }
    if (connection.monthlyFee > 0) {
      entries.push({
        clientId: connection.clientId,
        kind: 'monthly_fee',
        amount: micros(-connection.monthlyFee),
        description: `Monthly fee: ${connection.packageName} (from ${date})`,
        occurredOn: date,
        reference: `monthly:${connection.clientPackageId}:${date}`,
        clientPackageId: connection.clientPackageId,
      });
    }
    for (const did of feeDids) {
      entries.push({
        clientId: connection.clientId,
        kind: 'did_monthly_fee',
        amount: micros(-did.monthlyFee),
        description: `DID monthly fee: +${did.number} (from ${date})`,
        occurredOn: date,
        reference: `did-monthly:${did.assignmentId}:${date}`,
        didAssignmentId: did.assignmentId,
      });
    }
    cycles.push({ date, entries, period: { start: cycleStart, end: date } });
    cycleStart = date;
  }
  return {
    cycles,
    next: { cycleStartDate: cycleStart, nextBillingDate: nextCycleDate(cycleStart, connection.billingDay), setupFeePending: setupPending },
  };
}

/**
 * How far ahead of today a billing run may reach: a cycle is billed on its date, or a few
 * days early (a holiday, another time zone) — never a year ahead because of a typo.
 */
export const BILLING_RUN_DAYS_AHEAD = 7;

/** A run that would close more cycles than this for one client package asks first. */
export const CYCLES_WITHOUT_CONFIRMATION = 3;

/** The latest date a billing run accepts on `today` (both 'YYYY-MM-DD'). */
export function latestBillingRunDate(today: string): string {
  let date = today;
  for (let day = 0; day < BILLING_RUN_DAYS_AHEAD; day++) date = nextDay(date);
  return date;
}

/** How many cycles a run up to `runDate` closes for a client package (missed ones too). */
export function cyclesDue(nextBillingDate: string, billingDay: number, runDate: string): number {
  return dueCycleDates(nextBillingDate, billingDay, runDate).length;
}
