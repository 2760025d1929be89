import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMonth } from '../../lib/months';
import { moneyTick, moneyTooltip, plotted, SERIES_COLORS, useReducedMotion } from './chartFormat';

export interface MoneySeries {
  key: keyof typeof SERIES_COLORS;
  label: string;
  /** Bars for amounts, a line for the one drawn across them (profit). */
  as: 'bar' | 'line';
}

interface MoneyByMonthChartProps {
  months: readonly ({ month: string } & Partial<Record<MoneySeries['key'], string>>)[];
  series: readonly MoneySeries[];
  title: string;
  height?: number;
}

/** Amounts month by month (revenue, cost, profit, deposits), money on the axis and in the tooltip. */
export function MoneyByMonthChart({ months, series, title, height = 280 }: MoneyByMonthChartProps) {
  const reducedMotion = useReducedMotion();
  const data = months.map((row) => ({
    month: formatMonth(row.month),
    ...Object.fromEntries(series.map((item) => [item.key, plotted(row[item.key] ?? '0')])),
  }));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data} title={title} accessibilityLayer margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e3e8ef" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12, fill: '#556274' }} />
        <YAxis tickFormatter={moneyTick} width={72} tick={{ fontSize: 12, fill: '#556274' }} />
        <Tooltip formatter={moneyTooltip} />
        <Legend />
        {series.map((item) =>
          item.as === 'bar' ? (
            <Bar key={item.key} dataKey={item.key} name={item.label} fill={SERIES_COLORS[item.key]} isAnimationActive={!reducedMotion} maxBarSize={28} />
          ) : (
            <Line key={item.key} dataKey={item.key} name={item.label} stroke={SERIES_COLORS[item.key]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={!reducedMotion} />
          ),
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
