import { createColumnHelper, createSortedRowModel, rowSortingFeature, tableFeatures, type RowData } from '@tanstack/react-table';
import { compareSortValues } from './sortValues';
import type { DataColumn } from './types';

/** Every DataTable has the same features: rows, and sorting by a column. */
export const dataTableFeatures = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });
export type DataTableFeatures = typeof dataTableFeatures;

/** A column sorts in the window when it has a sort value (or main sorts it); the others only show. */
export function toColumnDefs<Row extends RowData>(columns: readonly DataColumn<Row>[], manuallySortable?: readonly string[]) {
  const helper = createColumnHelper<DataTableFeatures, Row>();
  const definitions = columns.map((column) => {
    const { sortValue } = column;
    // TanStack sorts only columns with an accessor: the sort value is it.
    return helper.accessor((row: Row) => sortValue?.(row) ?? '', {
      id: column.id,
      header: column.header,
      enableSorting: manuallySortable ? manuallySortable.includes(column.id) : sortValue !== undefined,
      sortFn: sortValue ? (a, b) => compareSortValues(sortValue(a.original), sortValue(b.original)) : undefined,
    });
  });
  // columns() widens each definition's value type to what useTable takes.
  return helper.columns(definitions);
}
