import type { CallView } from '../../../../preload/schemas/calls';
import { DataTable } from '../../components/DataTable';
import type { CallColumn } from './callColumns';

/** Rows have two lines of text, so nearly the same height: the scroll bar is right before the rows are measured. */
export const CALL_ROW_HEIGHT = 53;

interface CallsTableProps {
  columns: readonly CallColumn[];
  /** One page of the list (keyset: queries/callList.ts). */
  rows: readonly CallView[];
  /** A page of the same list is on its way. */
  busy: boolean;
  /** Names the table and its scrolling region, e.g. "Calls, newest first". */
  label: string;
  /** Tints unrated rows, where they sit among rated ones. */
  highlightUnrated?: boolean;
}

const callKey = (call: CallView): string => String(call.id);
const callAttributes = (call: CallView) => ({
  'data-call-id': call.callId,
  className: call.status === 'unrated' ? 'calls-table__row--unrated' : undefined,
});

/** A page of calls (Global CDR, a client's CDR, unrated calls) in the window's one table, virtualised: only the rows in view are drawn. */
export function CallsTable({ columns, rows, busy, label, highlightUnrated = false }: CallsTableProps) {
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={callKey}
      caption={label}
      className={highlightUnrated ? 'calls-table calls-table--highlight-unrated' : 'calls-table'}
      wrapClassName="calls-table__scroll"
      rowAttributes={callAttributes}
      virtual={{ rowCount: rows.length, rowHeight: CALL_ROW_HEIGHT, label, busy }}
    />
  );
}
