export { DataTable, type DataTableProps } from './DataTable';
export type { DataColumn, ManualSort, SortState, VirtualRows } from './types';
