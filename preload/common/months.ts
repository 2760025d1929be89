/** The financial report reads at most this many months at once (ten years). */
export const FINANCIAL_MAX_MONTHS = 120;

/** Months from 'YYYY-MM' to 'YYYY-MM', both counted. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}
