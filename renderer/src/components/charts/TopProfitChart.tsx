import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { moneyTick, moneyTooltip, plotted, SERIES_COLORS, useReducedMotion } from './chartFormat';

const LABEL_CHARACTERS = 20;

/** A name on the axis fits one line; the tooltip and the CSV keep it whole. */
const shortLabel = (label: string): string => (label.length > LABEL_CHARACTERS ? `${label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…` : label);

interface TopProfitChartProps {
  entries: readonly { key: string; label: string; profit: string }[];
  title: string;
}

/** Profit of the top ten (destinations, clients), one horizontal bar each; a loss is drawn in the cost colour. */
export function TopProfitChart({ entries, title }: TopProfitChartProps) {
  const reducedMotion = useReducedMotion();
  const data = entries.map((entry) => ({ label: entry.label, profit: plotted(entry.profit) }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, data.length * 30 + 40)}>
      <BarChart data={data} layout="vertical" title={title} accessibilityLayer margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#e3e8ef" horizontal={false} />
        <XAxis type="number" tickFormatter={moneyTick} tick={{ fontSize: 12, fill: '#556274' }} />
        <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12, fill: '#18212f' }} tickFormatter={shortLabel} interval={0} />
        <Tooltip formatter={moneyTooltip} />
        <Bar dataKey="profit" name="Profit" isAnimationActive={!reducedMotion} maxBarSize={18}>
          {data.map((row) => (
            <Cell key={row.label} fill={row.profit < 0 ? SERIES_COLORS.cost : SERIES_COLORS.profit} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
