import type { LedgerKind } from '../../../db/schema';

/** The columns of the financial report that ledger entries fill. */
export type FinancialLine = 'calls' | 'packageFees' | 'didFees' | 'setupFees' | 'manualCharges' | 'credits' | 'taxes' | 'deposits';

/** The lines that are revenue (what the reseller sold): taxes and deposits are not. */
export const REVENUE_LINES = ['calls', 'packageFees', 'didFees', 'setupFees', 'manualCharges', 'credits'] as const satisfies readonly FinancialLine[];

/**
 * The one mapping of ledger kinds to report lines (issue 11). A reversal is counted against
 * the kind it reverses (ledger_totals holds it under that kind), so 'reversal' appears here
 * only for one whose entry is unknown, and is left out. Taxes charged on an invoice are
 * collected for the state: their own column, not revenue. A credit note reduces revenue.
 */
export const FINANCIAL_LINE_OF_KIND: Record<LedgerKind, FinancialLine | null> = {
  calls: 'calls',
  monthly_fee: 'packageFees',
  did_monthly_fee: 'didFees',
  setup_fee: 'setupFees',
  did_setup_fee: 'setupFees',
  charge: 'manualCharges',
  credit: 'credits',
  tax: 'taxes',
  payment: 'deposits',
  reversal: null,
  // A balance brought from the provider is neither revenue nor a deposit of this console's months.
  opening: null,
};

/** The kinds whose entries are revenue. */
export const REVENUE_KINDS: readonly LedgerKind[] = (Object.keys(FINANCIAL_LINE_OF_KIND) as LedgerKind[]).filter((kind) => {
  const line = FINANCIAL_LINE_OF_KIND[kind];
  return line !== null && (REVENUE_LINES as readonly FinancialLine[]).includes(line);
});

/**
 * A ledger amount as the report shows it. The ledger is signed from the client's side
 * (+ a payment or a credit adds to the balance, − a fee, a charge, calls or a tax takes
 * from it): deposits read as they are, every other line turned round, so a fee is +
 * revenue and a credit note − revenue.
 */
export function reportAmount(line: FinancialLine, ledgerAmount: number): number {
  return line === 'deposits' ? ledgerAmount : -ledgerAmount;
}
