import { formatMoney, type MoneyKind } from '../../../preload/common/format';

/** True for "-0.000001", false for "0.000000" and "-0.000000". */
export function isNegativeAmount(value: string): boolean {
  return value.trim().startsWith('-') && /[1-9]/.test(value);
}

const isPositiveAmount = (value: string): boolean => !value.trim().startsWith('-') && /[1-9]/.test(value);

interface SignedMoneyProps {
  /** Exact decimal text from main, e.g. "-4.999999". */
  value: string;
  /** Ledger amounts show "+" on credits so the sign, not only the colour, tells the direction. */
  showPlus?: boolean;
  /** Money (a balance, a ledger entry) to 2 decimals; a `perCall` amount (a call's profit) to 4. */
  kind?: MoneyKind;
}

/**
 * A balance or ledger amount (the one rule of preload/common/format.ts). Below zero it is red *and* keeps its minus
 * sign, so it stands out without relying on colour alone.
 */
export function SignedMoney({ value, showPlus = false, kind = 'money' }: SignedMoneyProps) {
  const negative = isNegativeAmount(value);
  const text = formatMoney(value, kind);
  const className = negative ? 'num amount amount--negative' : 'num amount';
  return <span className={className}>{showPlus && isPositiveAmount(value) ? `+${text}` : text}</span>;
}
