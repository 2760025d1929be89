import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { CallView } from '../../../../preload/schemas/calls';
import type { CallColumn } from './callColumns';

/** Rows have two lines of text, so nearly the same height: the scroll bar is right before a page is even loaded. */
export const CALL_ROW_HEIGHT = 53;
const OVERSCAN = 10;

interface CallsTableProps {
  columns: readonly CallColumn[];
  /** Calls matching the filter; rows not yet loaded show as placeholders. */
  rowCount: number;
  rowAt(index: number): CallView | undefined;
  /** The rows on screen (with overscan) changed: load their pages. */
  onRowsShown(first: number, last: number): void;
  /** Names the table and its scrolling region, e.g. "Calls, newest first". */
  label: string;
  busy?: boolean;
  /** Tints unrated rows, where they sit among rated ones. */
  highlightUnrated?: boolean;
}

function PlaceholderRow({ columns, index, measure }: { columns: readonly CallColumn[]; index: number; measure(row: HTMLTableRowElement | null): void }) {
  return (
    <tr ref={measure} data-index={index} className="calls-table__placeholder" aria-rowindex={index + 2}>
      {columns.map((column, position) => (
        <td key={column.id}>{position === 0 ? <span className="muted">Loading…</span> : null}</td>
      ))}
    </tr>
  );
}

/**
 * A real <table> that only renders the rows in view (plus a few), with spacer rows above
 * and below standing in for the rest: a million calls scroll like a hundred.
 * aria-rowcount and aria-rowindex tell assistive technology where the visible rows sit.
 */
export function CallsTable({ columns, rowCount, rowAt, onRowsShown, label, busy = false, highlightUnrated = false }: CallsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // useVirtualizer returns a mutable instance; this component reads it during render only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CALL_ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRowsShown(first, last);
  }, [first, last, onRowsShown]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  const tableWidth = columns.reduce((sum, column) => sum + column.width, 0);

  return (
    <div ref={scrollRef} className="calls-table__scroll" role="region" aria-label={label} aria-busy={busy} tabIndex={0}>
      <table className={highlightUnrated ? 'table calls-table calls-table--highlight-unrated' : 'table calls-table'} style={{ minWidth: tableWidth }} aria-rowcount={rowCount + 1}>
        <caption className="visually-hidden">{label}</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => (
              <th key={column.id} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr className="calls-table__spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const call = rowAt(item.index);
            if (!call) return <PlaceholderRow key={`placeholder-${item.index}`} columns={columns} index={item.index} measure={virtualizer.measureElement} />;
            return (
              <tr key={call.id} ref={virtualizer.measureElement} data-index={item.index} aria-rowindex={item.index + 2} data-call-id={call.callId} className={call.status === 'unrated' ? 'calls-table__row--unrated' : undefined}>
                {columns.map((column) => (
                  <td key={column.id} className={column.numeric ? 'num' : undefined}>
                    {column.cell(call)}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr className="calls-table__spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
