import { useTable, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { SortHeader } from './SortHeader';
import { dataTableFeatures, toColumnDefs } from './tableModel';
import type { DataColumn, ManualSort, SortState, VirtualRows } from './types';
import { useRowKeyboard } from './useRowKeyboard';

/** Rows rendered beyond each edge of the view, so a short scroll or an arrow key never shows a gap. */
const OVERSCAN = 10;

export interface DataTableProps<Row> {
  columns: readonly DataColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  /** The table's name, as a visually hidden caption; or `labelledBy` a heading on the page. */
  caption?: string;
  labelledBy?: string;
  className?: string;
  wrapClassName?: string;
  /** Sorting in the window, starting from this column; or `manualSort` when main sorts. */
  initialSort?: SortState;
  manualSort?: ManualSort;
  /** Enter or Space on a focused row runs this: the row's main action, which also stays a button or link. */
  onRowActivate?(row: Row): void;
  rowAttributes?(row: Row): { className?: string } & Record<`data-${string}`, string | number | undefined>;
  /** Each row in a group of its own, under a full-width heading (e.g. a client's name above its figures). Not with `virtual`. */
  rowGroupHeading?(row: Row): ReactNode;
  footer?: ReactNode;
  /**
   * Renders only the rows in view, in a scrolling box of its own (a long list). Sorting in
   * the window sorts the rows given, so a list loaded page by page leaves its columns unsortable.
   */
  virtual?: VirtualRows;
  /**
   * Off for a table whose cells hold their own controls (an editable table): rows are not
   * focus stops and the arrow keys stay the controls'; Tab walks the controls. On by default.
   */
  rowNavigation?: boolean;
}

function cellClass<Row>(column: DataColumn<Row>): string | undefined {
  const classes = [column.numeric ? 'num' : '', column.rowHeader ? 'table__name' : '', column.className ?? ''].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="data-table__spacer" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

/**
 * The one table of the window: TanStack Table keeps the rows and their order; this renders
 * a real <table> with sortable headers and rows you can walk with the keyboard. Virtualised,
 * it stays a real <table>: aria-rowcount and aria-rowindex tell assistive technology where
 * the rendered rows sit in the whole list.
 */
export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, caption, labelledBy, className, wrapClassName, initialSort, manualSort, onRowActivate, rowAttributes, rowGroupHeading, footer, virtual, rowNavigation = true } = props;
  const columnDefs = useMemo(() => toColumnDefs(columns, manualSort?.sortable), [columns, manualSort?.sortable]);
  const table = useTable({
    features: dataTableFeatures,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => rowKey(row),
    initialState: { sorting: initialSort ? [initialSort] : [] },
    ...(manualSort ? { manualSorting: true, state: { sorting: [manualSort.sort] } } : {}),
    enableSortingRemoval: false,
    // Every column sorts ascending on its first click, numbers too (TanStack would start those descending).
    sortDescFirst: false,
  });
  const shown = table.getRowModel().rows;
  const offset = virtual?.offset ?? 0;
  const rowCount = virtual ? virtual.rowCount : shown.length;
  const rowAtIndex = (index: number) => shown[index - offset];

  const scrollRef = useRef<HTMLDivElement>(null);
  // useVirtualizer returns a mutable instance; this component reads it during render only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    enabled: virtual !== undefined,
    count: virtual ? virtual.rowCount : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => virtual?.rowHeight ?? 0,
    overscan: OVERSCAN,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const onRowsShown = virtual?.onRowsShown;
  useEffect(() => {
    if (last >= first) onRowsShown?.(first, last);
  }, [first, last, onRowsShown]);

  const keyboard = useRowKeyboard(
    rowCount,
    onRowActivate
      ? (index) => {
          const row = rowAtIndex(index);
          if (row) onRowActivate(row.original);
        }
      : undefined,
    virtual ? (index) => virtualizer.scrollToIndex(index) : undefined,
  );
  const byId = new Map(columns.map((column) => [column.id, column]));
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  /** `index` is the row's place in the whole list (virtualised: its aria-rowindex, and what the virtualizer measures). */
  const renderRow = (row: (typeof shown)[number], index: number) => {
    const { className: rowClass, ...data } = rowAttributes?.(row.original) ?? {};
    const placed = virtual ? { ref: virtualizer.measureElement, 'data-index': index, 'aria-rowindex': index + 2 } : {};
    return (
      <tr key={virtual ? index : row.id} data-row-index={index} tabIndex={rowNavigation ? keyboard.tabIndexOf(index) : undefined} className={rowClass} {...placed} {...data}>
        {columns.map((column) =>
          column.rowHeader ? (
            <th key={column.id} scope="row" className={cellClass(column)} title={column.cellTitle?.(row.original)}>
              {column.cell(row.original)}
            </th>
          ) : (
            <td key={column.id} className={cellClass(column)} title={column.cellTitle?.(row.original)}>
              {column.cell(row.original)}
            </td>
          ),
        )}
      </tr>
    );
  };

  // A row not loaded yet keeps its place (and the keyboard's), with the same key as the row it becomes.
  const renderPlaceholder = (index: number) => (
    <tr key={index} ref={virtualizer.measureElement} data-index={index} aria-rowindex={index + 2} data-row-index={index} tabIndex={keyboard.tabIndexOf(index)} className="data-table__placeholder">
      {columns.map((column, position) => (
        <td key={column.id}>{position === 0 ? <span className="muted">Loading…</span> : null}</td>
      ))}
    </tr>
  );

  const widths = columns.some((column) => column.width !== undefined);
  const head = (
    <thead>
      <tr aria-rowindex={virtual ? 1 : undefined}>
        {headers.map((header) => {
          const column = byId.get(header.column.id);
          if (!column) return null;
          if (header.column.getCanSort()) {
            const toggle = manualSort ? () => manualSort.onSort(column.id) : () => header.column.toggleSorting();
            return <SortHeader key={header.id} label={column.header} numeric={column.numeric} sorted={header.column.getIsSorted()} onToggle={toggle} />;
          }
          return (
            <th key={header.id} scope="col" className={column.numeric ? 'num' : undefined}>
              {column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          );
        })}
      </tr>
    </thead>
  );
  const tableClass = className ? `table data-table ${className}` : 'table data-table';
  const captionElement = caption ? <caption className="visually-hidden">{caption}</caption> : null;
  const colgroup = widths ? (
    <colgroup>
      {columns.map((column) => (
        <col key={column.id} style={column.width === undefined ? undefined : { width: column.width }} />
      ))}
    </colgroup>
  ) : null;

  const navigation = rowNavigation ? { onKeyDown: keyboard.onKeyDown, onFocus: keyboard.onFocus } : {};
  if (virtual) {
    const paddingTop = items[0]?.start ?? 0;
    const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
    const minWidth = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
    return (
      <div
        ref={scrollRef}
        className={wrapClassName ? `data-table__scroll ${wrapClassName}` : 'data-table__scroll'}
        role="region"
        aria-label={virtual.label}
        aria-busy={virtual.busy ?? false}
        tabIndex={0}
      >
        <table
          className={tableClass}
          style={minWidth > 0 ? { minWidth } : undefined}
          aria-labelledby={labelledBy}
          aria-rowcount={rowCount + 1}
          onKeyDown={keyboard.onKeyDown}
          onFocus={keyboard.onFocus}
        >
          {captionElement}
          {colgroup}
          {head}
          <tbody>
            <SpacerRow height={paddingTop} columns={columns.length} />
            {items.map((item) => {
              const row = rowAtIndex(item.index);
              return row ? renderRow(row, item.index) : renderPlaceholder(item.index);
            })}
            <SpacerRow height={paddingBottom} columns={columns.length} />
          </tbody>
          {footer ? <tfoot>{footer}</tfoot> : null}
        </table>
      </div>
    );
  }

  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={tableClass} aria-labelledby={labelledBy} {...navigation}>
        {captionElement}
        {colgroup}
        {head}
        {rowGroupHeading ? (
          shown.map((row, index) => (
            <tbody key={row.id}>
              <tr className="data-table__group">
                <th scope="rowgroup" colSpan={columns.length}>
                  {rowGroupHeading(row.original)}
                </th>
              </tr>
              {renderRow(row, index)}
            </tbody>
          ))
        ) : (
          <tbody>{shown.map(renderRow)}</tbody>
        )}
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}
