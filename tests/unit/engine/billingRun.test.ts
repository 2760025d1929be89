import { describe, expect, it } from 'vitest';
import {
  BILLING_RUN_DAYS_AHEAD,
  cyclesDue,
  latestBillingRunDate,
  newConnectionCycle,
  planBillingRun,
  setupFeeTiming,
  type ConnectionBillingState,
} from '../../../main/engine';
import { micros } from '../../../main/money/units';

/**
 * Guide ("Create Sub account" / DESIGN "Balances, billing cycle"): on a client package's
 * billing date the package monthly fee and each connected DID's monthly fee are charged;
 * "if you decide to charge the set up fees now" the setup fee is charged at connection,
 * else on the first cycle. Missed cycles are billed one by one; the 31st clamps.
 */
const connection = (overrides: Partial<ConnectionBillingState> = {}): ConnectionBillingState => ({
  clientPackageId: 7,
  clientId: 3,
  packageName: 'Basic',
  monthlyFee: micros(10_000_000),
  setupFee: micros(25_000_000),
  billingDay: 15,
  nextBillingDate: '2026-11-15',
  cycleStartDate: '2026-10-20',
  setupFeePending: false,
  disconnected: false,
  ...overrides,
});

const DIDS = [
  { assignmentId: 12, number: '15145550002', monthlyFee: micros(2_000_000) },
  { assignmentId: 11, number: '15145550001', monthlyFee: micros(1_500_000) },
  { assignmentId: 13, number: '15145550003', monthlyFee: micros(0) },
];

const summary = (plan: ReturnType<typeof planBillingRun>) =>
  plan.cycles.map((cycle) => ({ date: cycle.date, entries: cycle.entries.map((entry) => `${entry.kind} ${entry.amount} ${entry.reference}`) }));

describe('setup fee: now or on the first cycle', () => {
  it.each([
    [25_000_000, true, 'now'],
    [25_000_000, false, 'first_cycle'],
    [0, true, 'none'],
    [0, false, 'none'],
  ] as const)('fee %i, charge now %s → %s', (fee, now, expected) => {
    expect(setupFeeTiming(fee, now)).toBe(expected);
  });

  it('a new connection anchors its cycle on the first billing date and starts it today', () => {
    expect(newConnectionCycle('2026-11-25', '2026-12-31', 25_000_000, false)).toEqual({
      billingDay: 31,
      nextBillingDate: '2026-12-31',
      cycleStartDate: '2026-11-25',
      setupFeePending: true,
      chargeSetupNow: false,
    });
    expect(newConnectionCycle('2026-11-25', '2026-12-01', 25_000_000, true)).toMatchObject({ billingDay: 1, setupFeePending: false, chargeSetupNow: true });
  });
});

describe('what a billing run charges', () => {
  it('nothing is due before the billing date', () => {
    const plan = planBillingRun(connection(), DIDS, '2026-11-14');
    expect(plan.cycles).toEqual([]);
    expect(plan.next).toEqual({ cycleStartDate: '2026-10-20', nextBillingDate: '2026-11-15', setupFeePending: false });
  });

  it('on the billing date: the monthly fee, then each DID fee in number order (DIDs without a fee are skipped)', () => {
    const plan = planBillingRun(connection(), DIDS, '2026-11-15');
    expect(summary(plan)).toEqual([
      {
        date: '2026-11-15',
        entries: ['monthly_fee -10000000 monthly:7:2026-11-15', 'did_monthly_fee -1500000 did-monthly:11:2026-11-15', 'did_monthly_fee -2000000 did-monthly:12:2026-11-15'],
      },
    ]);
    expect(plan.cycles[0]?.period).toEqual({ start: '2026-10-20', end: '2026-11-15' });
    expect(plan.next).toEqual({ cycleStartDate: '2026-11-15', nextBillingDate: '2026-12-15', setupFeePending: false });
    expect(plan.cycles[0]?.entries[0]).toMatchObject({ clientId: 3, clientPackageId: 7, occurredOn: '2026-11-15', description: 'Monthly fee: Basic (from 2026-11-15)' });
    expect(plan.cycles[0]?.entries[1]).toMatchObject({ didAssignmentId: 11, description: 'DID monthly fee: +15145550001 (from 2026-11-15)' });
  });

  it('a pending setup fee comes first, on the first cycle only', () => {
    const plan = planBillingRun(connection({ setupFeePending: true }), [], '2026-12-15');
    expect(summary(plan)).toEqual([
      { date: '2026-11-15', entries: ['setup_fee -25000000 setup:7', 'monthly_fee -10000000 monthly:7:2026-11-15'] },
      { date: '2026-12-15', entries: ['monthly_fee -10000000 monthly:7:2026-12-15'] },
    ]);
    expect(plan.next.setupFeePending).toBe(false);
  });

  it('missed cycles are billed one by one, each closing its period', () => {
    const plan = planBillingRun(connection({ monthlyFee: micros(1) }), [], '2027-02-20');
    expect(plan.cycles.map((cycle) => cycle.period)).toEqual([
      { start: '2026-10-20', end: '2026-11-15' },
      { start: '2026-11-15', end: '2026-12-15' },
      { start: '2026-12-15', end: '2027-01-15' },
      { start: '2027-01-15', end: '2027-02-15' },
    ]);
    expect(plan.next).toMatchObject({ cycleStartDate: '2027-02-15', nextBillingDate: '2027-03-15' });
  });

  it('a cycle anchored on the 31st clamps to the month end and comes back', () => {
    const plan = planBillingRun(connection({ billingDay: 31, nextBillingDate: '2027-01-31', cycleStartDate: '2027-01-05' }), [], '2027-04-30');
    expect(plan.cycles.map((cycle) => cycle.date)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(plan.next.nextBillingDate).toBe('2027-05-31');
  });

  it('a leap year February ends on the 29th', () => {
    const plan = planBillingRun(connection({ billingDay: 30, nextBillingDate: '2028-01-30' }), [], '2028-03-30');
    expect(plan.cycles.map((cycle) => cycle.date)).toEqual(['2028-01-30', '2028-02-29', '2028-03-30']);
  });

  it('no monthly fee and no DID fee: the cycle still closes, with no entries', () => {
    const plan = planBillingRun(connection({ monthlyFee: micros(0) }), [], '2026-11-15');
    expect(plan.cycles).toEqual([{ date: '2026-11-15', entries: [], period: { start: '2026-10-20', end: '2026-11-15' } }]);
  });

  it('a disconnected package is not billed', () => {
    expect(planBillingRun(connection({ disconnected: true }), DIDS, '2027-01-01').cycles).toEqual([]);
  });

  it('whole months: never prorated', () => {
    const plan = planBillingRun(connection({ cycleStartDate: '2026-11-14' }), [], '2026-11-15');
    expect(plan.cycles[0]?.entries[0]?.amount).toBe(-10_000_000);
  });
});

describe('how far a billing run may reach', () => {
  it.each([
    ['2026-12-02', '2026-12-09'],
    ['2026-12-28', '2027-01-04'],
    ['2028-02-25', '2028-03-03'],
  ])('on %s a run may bill up to %s (a week ahead, no more)', (today, latest) => {
    expect(BILLING_RUN_DAYS_AHEAD).toBe(7);
    expect(latestBillingRunDate(today)).toBe(latest);
  });

  it.each([
    ['2026-12-01', 1, '2026-11-30', 0],
    ['2026-12-01', 1, '2026-12-01', 1],
    ['2026-01-31', 31, '2026-04-30', 4],
    ['2026-01-31', 31, '2026-04-29', 3],
    ['2026-12-01', 1, '2126-12-01', 1200],
  ])('next billing %s (day %i), run for %s: %i cycles (at most a century)', (next, day, runDate, count) => {
    expect(cyclesDue(next, day, runDate)).toBe(count);
  });
});
