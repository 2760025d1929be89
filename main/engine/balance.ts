import { formatMoney } from '../money/format';
import { micros } from '../money/units';

/**
 * The balance rules (DESIGN.md "Balances"), pure: what a movement of money does to a
 * client's status and which notices it raises. The ledger door applies them.
 */

/** The same words as the `clients` columns (db/schema.ts); the engine does not import the database. */
export type BalanceMode = 'soft' | 'hard';
export type ClientStatus = 'active' | 'suspended' | 'closed';

/** HARD: suspended at ≤ 0, active above; SOFT: never suspended (Guide: "Adding a client"). */
export function statusFor(mode: BalanceMode, current: ClientStatus, balance: number): ClientStatus {
  if (current === 'closed') return 'closed';
  if (mode === 'soft') return 'active';
  return balance <= 0 ? 'suspended' : 'active';
}

/** What the rules need to know of a client (the columns of `clients`). */
export interface ClientBalanceState {
  first_name: string;
  last_name: string;
  balance_mode: BalanceMode;
  status: ClientStatus;
  balance_micros: number;
  low_balance_threshold_micros: number | null;
  below_threshold: 0 | 1;
}

export type BalanceNoticeKind = 'suspended' | 'reactivated' | 'low_balance';

export interface BalanceOutcome {
  balance: number;
  status: ClientStatus;
  belowThreshold: 0 | 1;
  notices: { kind: BalanceNoticeKind; message: string }[];
}

/** True when the balance is under the client's low-balance threshold (none set: never). */
export function isBelowThreshold(balance: number, threshold: number | null): boolean {
  return threshold !== null && balance < threshold;
}

/**
 * What a movement of `amount` micros does to a client: the new balance and status, and
 * the notices of the crossings (suspended, reactivated, fell below the low-balance
 * threshold — once per crossing, not on every entry below it).
 */
export function balanceOutcome(client: ClientBalanceState, amount: number, currency: string): BalanceOutcome {
  const balance = client.balance_micros + amount;
  const status = statusFor(client.balance_mode, client.status, balance);
  const threshold = client.low_balance_threshold_micros;
  const belowThreshold = isBelowThreshold(balance, threshold) ? 1 : 0;
  const name = `${client.first_name} ${client.last_name}`;
  const shown = formatMoney(micros(balance), currency);
  const notices: BalanceOutcome['notices'] = [];
  if (status !== client.status && status === 'suspended') {
    notices.push({ kind: 'suspended', message: `${name} is suspended: HARD balance reached ${shown}` });
  }
  if (status !== client.status && status === 'active' && client.status === 'suspended') {
    notices.push({ kind: 'reactivated', message: `${name} is active again: balance ${shown}` });
  }
  if (belowThreshold === 1 && client.below_threshold === 0 && threshold !== null) {
    notices.push({
      kind: 'low_balance',
      message: `${name}'s balance (${shown}) fell below the low-balance threshold of ${formatMoney(micros(threshold), currency)}`,
    });
  }
  return { balance, status, belowThreshold, notices };
}
