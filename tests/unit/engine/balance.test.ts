import { describe, expect, it } from 'vitest';
import { balanceOutcome, isBelowThreshold, statusFor, type ClientBalanceState } from '../../../main/engine';

/**
 * Guide ("Adding a client"): "A customer in HARD balance will be suspended if he is on
 * zero or negative balance, while a customer in SOFT balance will be able to keep
 * making use of the service even if their balance is zero or negative."
 */
describe('HARD / SOFT status', () => {
  it.each([
    ['hard', 'active', 1, 'active'],
    ['hard', 'active', 0, 'suspended'],
    ['hard', 'active', -1, 'suspended'],
    ['hard', 'suspended', 1, 'active'],
    ['hard', 'suspended', 0, 'suspended'],
    ['soft', 'active', 0, 'active'],
    ['soft', 'active', -5_000_000, 'active'],
    ['soft', 'suspended', -1, 'active'],
    ['hard', 'closed', 10, 'closed'],
    ['soft', 'closed', -10, 'closed'],
  ] as const)('%s balance, %s, balance %i micros → %s', (mode, current, balance, expected) => {
    expect(statusFor(mode, current, balance)).toBe(expected);
  });
});

const client = (overrides: Partial<ClientBalanceState> = {}): ClientBalanceState => ({
  first_name: 'Ada',
  last_name: 'Lovelace',
  balance_mode: 'hard',
  status: 'active',
  balance_micros: 10_000_000,
  low_balance_threshold_micros: null,
  below_threshold: 0,
  ...overrides,
});

describe('balance outcome of a movement', () => {
  it.each([
    { name: 'a charge that keeps a HARD client above 0', client: {}, amount: -9_999_999, balance: 1, status: 'active', notices: [] },
    { name: 'a charge to exactly 0 suspends a HARD client', client: {}, amount: -10_000_000, balance: 0, status: 'suspended', notices: ['suspended'] },
    { name: 'a SOFT client is never suspended', client: { balance_mode: 'soft' }, amount: -20_000_000, balance: -10_000_000, status: 'active', notices: [] },
    { name: 'a payment above 0 reactivates', client: { status: 'suspended', balance_micros: -1 }, amount: 2, balance: 1, status: 'active', notices: ['reactivated'] },
    { name: 'a payment that stays at 0 does not reactivate', client: { status: 'suspended', balance_micros: -1 }, amount: 1, balance: 0, status: 'suspended', notices: [] },
    { name: 'an already suspended client gets no second notice', client: { status: 'suspended', balance_micros: -1 }, amount: -5, balance: -6, status: 'suspended', notices: [] },
    { name: 'falling below the threshold warns once', client: { low_balance_threshold_micros: 5_000_000 }, amount: -6_000_000, balance: 4_000_000, status: 'active', notices: ['low_balance'], below: 1 },
    { name: 'staying below the threshold does not warn again', client: { low_balance_threshold_micros: 5_000_000, below_threshold: 1, balance_micros: 4_000_000 }, amount: -1, balance: 3_999_999, status: 'active', notices: [], below: 1 },
    { name: 'exactly at the threshold is not below', client: { low_balance_threshold_micros: 5_000_000 }, amount: -5_000_000, balance: 5_000_000, status: 'active', notices: [], below: 0 },
    { name: 'climbing back above the threshold re-arms the warning', client: { low_balance_threshold_micros: 5_000_000, below_threshold: 1, balance_micros: 4_000_000 }, amount: 2_000_000, balance: 6_000_000, status: 'active', notices: [], below: 0 },
    { name: 'suspension and low balance together', client: { low_balance_threshold_micros: 1_000_000 }, amount: -10_000_000, balance: 0, status: 'suspended', notices: ['suspended', 'low_balance'], below: 1 },
    { name: 'a closed client stays closed', client: { status: 'closed' }, amount: -20_000_000, balance: -10_000_000, status: 'closed', notices: [] },
  ] as const)('$name', (row) => {
    const outcome = balanceOutcome(client(row.client), row.amount, 'USD');
    expect(outcome.balance).toBe(row.balance);
    expect(outcome.status).toBe(row.status);
    expect(outcome.notices.map((notice) => notice.kind)).toEqual(row.notices);
    if ('below' in row) expect(outcome.belowThreshold).toBe(row.below);
  });

  it('names the client and the balance in the notice', () => {
    const [notice] = balanceOutcome(client(), -10_500_000, 'USD').notices;
    expect(notice?.message).toBe('Ada Lovelace is suspended: HARD balance reached -$0.50');
  });

  it('no threshold set: never below', () => {
    expect(isBelowThreshold(-1_000_000_000, null)).toBe(false);
    expect(isBelowThreshold(0, 1)).toBe(true);
  });
});
