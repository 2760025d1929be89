import { useTable, type RowData } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { SortHeader } from './SortHeader';
import { dataTableFeatures, toColumnDefs } from './tableModel';
import type { DataColumn, ManualSort, SortState } from './types';
import { useRowKeyboard } from './useRowKeyboard';

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
  /** Each row in a group of its own, under a full-width heading (e.g. a client's name above its figures). */
  rowGroupHeading?(row: Row): ReactNode;
  footer?: ReactNode;
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

/**
 * The one table of the window: TanStack Table keeps the rows and their order; this renders
 * a real <table> with sortable headers and rows you can walk with the keyboard.
 */
export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, caption, labelledBy, className, wrapClassName, initialSort, manualSort, onRowActivate, rowAttributes, rowGroupHeading, footer, rowNavigation = true } = props;
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
  const keyboard = useRowKeyboard(shown.length, onRowActivate ? (index) => { const row = shown[index]; if (row) onRowActivate(row.original); } : undefined);
  const byId = new Map(columns.map((column) => [column.id, column]));
  const headers = table.getHeaderGroups()[0]?.headers ?? [];

  const renderRow = (row: (typeof shown)[number], index: number) => {
    const { className: rowClass, ...data } = rowAttributes?.(row.original) ?? {};
    return (
      <tr key={row.id} data-row-index={index} tabIndex={rowNavigation ? keyboard.tabIndexOf(index) : undefined} className={rowClass} {...data}>
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

  const navigation = rowNavigation ? { onKeyDown: keyboard.onKeyDown, onFocus: keyboard.onFocus } : {};
  return (
    <div className={wrapClassName ? `table-wrap ${wrapClassName}` : 'table-wrap'}>
      <table className={className ? `table data-table ${className}` : 'table data-table'} aria-labelledby={labelledBy} {...navigation}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
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
