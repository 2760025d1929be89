import type { DidInventoryView } from '../../../../preload/schemas/telephony';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { PhoneNumber } from '../../components/PhoneNumber';
import { hrefTo } from '../../lib/router';

const SOURCE_LABELS: Record<string, string> = { manual: 'Added by hand', import: 'Imported', sync: 'From the provider' };

const COLUMNS: readonly DataColumn<DidInventoryView>[] = [
  { id: 'number', header: 'Number', rowHeader: true, sortValue: (did) => did.number, cell: (did) => <PhoneNumber digits={did.number} /> },
  { id: 'description', header: 'Description', sortValue: (did) => did.description, cell: (did) => did.description || <span className="muted">—</span> },
  {
    id: 'assignedTo',
    header: 'Assigned to',
    sortValue: (did) => did.assignedTo?.clientName ?? '',
    cell: (did) =>
      did.assignedTo ? <a href={hrefTo(`/clients/${did.assignedTo.clientId}`)}>{did.assignedTo.clientName}</a> : <span className="badge badge--success">Available</span>,
  },
  { id: 'source', header: 'Source', className: 'muted', sortValue: (did) => SOURCE_LABELS[did.source] ?? did.source, cell: (did) => SOURCE_LABELS[did.source] ?? did.source },
];

/** Every number of the inventory and who, if anyone, it rings for. */
export function DidInventoryTable({ dids }: { dids: readonly DidInventoryView[] }) {
  return <DataTable columns={COLUMNS} rows={dids} rowKey={(did) => String(did.id)} caption="DID inventory" initialSort={{ id: 'number', desc: false }} />;
}
