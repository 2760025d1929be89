import { formatMoney, formatPercent, formatRate } from '../../../preload/common/format';

/** An amount from main (exact decimal text), right-aligned in tables by the `.num` class. */
export function Money({ value, decimals = 4 }: { value: string; decimals?: 2 | 4 }) {
  return <span className="num">{formatMoney(value, decimals)}</span>;
}

/** A per-minute rate: 4 decimals, more only when the rate has them. */
export function Rate({ value, perMinute = false }: { value: string; perMinute?: boolean }) {
  return (
    <span className="num">
      {formatRate(value)}
      {perMinute ? <span className="unit">/min</span> : null}
    </span>
  );
}

export function Percent({ value }: { value: string }) {
  return <span className="num">{formatPercent(value)}</span>;
}
