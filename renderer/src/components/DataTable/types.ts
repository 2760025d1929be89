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
  /** A fixed width in px: a virtualised table must not re-flow its columns as rows scroll in. */
  width?: number;
}

/**
 * A long list rendered a screenful at a time: only the rows in view (and a few more) are in
 * the page, spacer rows stand in for the rest. The rows given to the table may be a part of
 * the list, loaded as it scrolls (the Global CDR): the others show as "Loading…".
 */
export interface VirtualRows {
  /** Rows in the whole list; the table's `rows` are those from position `offset` on. */
  rowCount: number;
  offset?: number;
  /** Estimated row height in px, so the scroll bar is right before the rows are measured. */
  rowHeight: number;
  /** Names the scrolling region (it also takes the keyboard focus, to scroll). */
  label: string;
  busy?: boolean;
  /** The rows in view (with a few more) are now first…last: read the ones not loaded. */
  onRowsShown?(first: number, last: number): void;
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
