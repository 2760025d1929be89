import type { ReactNode } from 'react';
import { downloadCsv } from '../../lib/csv';
import { Card } from '../Card';

export interface ChartData {
  /** The CSV's file name, header and rows: the very figures the chart draws. */
  fileName: string;
  header: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

interface ChartCardProps {
  title: string;
  /** What the chart shows, for assistive technology (the figure's name). */
  description: string;
  data: ChartData;
  /** No figure to draw: the message shown instead of an empty chart. */
  empty: string | null;
  children: ReactNode;
  className?: string;
}

/**
 * A chart in a card: its name, the chart (keyboard-reachable: recharts' accessibility layer
 * makes the plot a tab stop whose arrow keys walk the points, with the tooltip), a clear
 * message when there is nothing to draw, and its data as CSV beside it.
 */
export function ChartCard({ title, description, data, empty, children, className }: ChartCardProps) {
  return (
    <Card
      title={title}
      className={['chart-card', className].filter(Boolean).join(' ')}
      aside={
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={`Export the data of “${title}” as CSV`}
          disabled={data.rows.length === 0}
          onClick={() => downloadCsv(data.fileName, data.header, data.rows)}
        >
          Export CSV
        </button>
      }
    >
      {empty !== null ? (
        <p className="chart-card__empty" data-testid="chart-empty">
          {empty}
        </p>
      ) : (
        <figure className="chart-card__figure" aria-label={description}>
          {children}
        </figure>
      )}
    </Card>
  );
}
