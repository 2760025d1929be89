import type { ReactNode } from 'react';

/** One column of a DataTable: what its header says, what a cell shows, and how it sorts. */
export interface DataColumn<Row> {
  id: string;
  header: string;
  /** The header is read by screen readers only (an Actions column). */
  hideHeader?: boolean;
  cell(row: Row): ReactNode;
  /** A tooltip on the whole cell, e.g. what a markup makes of an example cost. */
  cellTitle?(row: Row): string | undefined;
  /** Given, the column sorts by this value in the window; a manually sorted table names its columns in `sortable`. */
  sortValue?(row: Row): string | number;
  numeric?: boolean;
  /** The cell that names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean;
  className?: string;
}

export interface SortState {
  id: string;
  desc: boolean;
}

/** Sorting done outside the table (by main, with the query): the table shows it and asks for a change. */
export interface ManualSort {
  sort: SortState;
  sortable: readonly string[];
  onSort(columnId: string): void;
}
