export { DataTable, type DataTableProps } from './DataTable';
export type { DataColumn, ManualSort, SortState } from './types';
