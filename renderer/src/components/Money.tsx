import { formatMoney, formatPercent, formatRate, type MoneyKind, type RateKind } from '../../../preload/common/format';

/**
 * An amount from main (exact decimal text), right-aligned in tables by the `.num` class:
 * money (balances, fees, payments, totals) to 2 decimals, a `perCall` amount to 4
 * (preload/common/format.ts, the one rule).
 */
export function Money({ value, kind = 'money' }: { value: string; kind?: MoneyKind }) {
  return <span className="num">{formatMoney(value, kind)}</span>;
}

/** A per-minute rate: 4 decimals; one the reseller sets (`ownRate`) keeps its own, up to 8. */
export function Rate({ value, kind = 'rate', perMinute = false }: { value: string; kind?: RateKind; perMinute?: boolean }) {
  return (
    <span className="num">
      {formatRate(value, kind)}
      {perMinute ? <span className="unit">/min</span> : null}
    </span>
  );
}

export function Percent({ value }: { value: string }) {
  return <span className="num">{formatPercent(value)}</span>;
}
