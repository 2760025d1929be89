import type { CallView } from '../../../../preload/schemas/calls';
import { DataTable } from '../../components/DataTable';
import type { CallPages } from '../../queries/callList';
import type { CallColumn } from './callColumns';

/** Rows have two lines of text, so nearly the same height: the scroll bar is right before a page is even loaded. */
export const CALL_ROW_HEIGHT = 53;

interface CallsTableProps {
  columns: readonly CallColumn[];
  /** The list as far as it is loaded (queries/callList.ts); rows not loaded yet show as placeholders. */
  calls: Pick<CallPages, 'rows' | 'offset' | 'total' | 'refreshing' | 'showRows'>;
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

/** A call list (Global CDR, unrated calls) in the window's one table, virtualised: a million calls scroll like a hundred. */
export function CallsTable({ columns, calls, label, highlightUnrated = false }: CallsTableProps) {
  return (
    <DataTable
      columns={columns}
      rows={calls.rows}
      rowKey={callKey}
      caption={label}
      className={highlightUnrated ? 'calls-table calls-table--highlight-unrated' : 'calls-table'}
      wrapClassName="calls-table__scroll"
      rowAttributes={callAttributes}
      virtual={{ rowCount: calls.total, offset: calls.offset, rowHeight: CALL_ROW_HEIGHT, label, busy: calls.refreshing, onRowsShown: calls.showRows }}
    />
  );
}
