/**
 * The pure rating engine: plain data in, plain data out. No I/O, no clock, no
 * database, no electron (DESIGN.md "Processes and folders").
 */
export * from './types';
export { divideHalfUp, divideHalfUpNumber, multiplyDivideHalfUp, roundUpToPulse, wholeMinutesRoundedUp } from './integerMath';
export { classifyDestination, normalizeDestination } from './destinations';
export { compilePackage, matchSellRate, markupSellRate, markupRateOf, type CompiledPackage, type CompiledCustomRate } from './sellRate';
export { rateCall, type CallRatingStep } from './rateCall';
export {
  rateCycle,
  chronologicalOrder,
  compareCallsChronologically,
  type CycleRating,
  type CycleTotals,
} from './rateCycle';
export { findCustomRateConflicts, type CustomRateConflict, type CustomRateConflictCode } from './customRateConflicts';
export { chargeFor } from './charge';
export { costRateOf, PROVIDER_STEP_SECONDS, sellRateNeedsCost, type ProviderCost } from './costRate';
export { cycleStartFor, type BillingCycles } from './billingCycle';
export { accountProblem, type AccountLink } from './unrated';
export { balanceOutcome, isBelowThreshold, statusFor, type BalanceOutcome, type ClientBalanceState } from './balance';
export {
  BILLING_RUN_DAYS_AHEAD,
  CYCLES_WITHOUT_CONFIRMATION,
  cyclesDue,
  latestBillingRunDate,
  newConnectionCycle,
  planBillingRun,
  setupFeeEntry,
  setupFeeTiming,
  type BillingEntry,
  type BillingRunPlan,
  type ConnectedDidFee,
  type ConnectionBillingState,
} from './billingRun';
export { callDayCorrection, callDayEntryDescription } from './callDays';
export { daysInMonth, dueCycleDates, nextCycleDate, nextDay, previousCycleDate } from './billingDates';
