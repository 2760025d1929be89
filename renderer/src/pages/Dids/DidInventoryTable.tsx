import { useState } from 'react';
import { foldForSearch } from '../../../../preload/common/search';
import type { DidInventoryView } from '../../../../preload/schemas/telephony';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { Money, Rate } from '../../components/Money';
import { PhoneNumber, formatDid } from '../../components/PhoneNumber';
import { hrefTo } from '../../lib/router';
import { useDids } from '../../queries/dids';
import { EditDidDialog } from './EditDidDialog';

const SOURCE_LABELS: Record<string, string> = { manual: 'Added by hand', import: 'Imported', sync: 'From the provider' };

/** How the number came in, as the number's tooltip: a column of its own would push the actions out at 1280 px. */
const sourceOf = (did: DidInventoryView): string => SOURCE_LABELS[did.source] ?? did.source;

const none = <span className="muted">—</span>;

/** What a search matches: the number as stored and as shown, the description, the client and the package. */
function searchTextOf(did: DidInventoryView): string {
  return foldForSearch([did.number, formatDid(did.number), did.description, did.assignedTo?.clientName ?? 'available', did.assignedTo?.packageName ?? ''].join('\n'));
}

function columns(onEdit: (did: DidInventoryView) => void, onRemove: (did: DidInventoryView) => void): DataColumn<DidInventoryView>[] {
  return [
    { id: 'number', header: 'Number', rowHeader: true, sortValue: (did) => did.number, cellTitle: sourceOf, cell: (did) => <PhoneNumber digits={did.number} /> },
    { id: 'description', header: 'Description', sortValue: (did) => did.description, cell: (did) => did.description || none },
    {
      id: 'assignedTo',
      header: 'Assigned to',
      sortValue: (did) => did.assignedTo?.clientName ?? '',
      cell: (did) =>
        did.assignedTo ? <a href={hrefTo(`/clients/${did.assignedTo.clientId}`)}>{did.assignedTo.clientName}</a> : <span className="badge badge--success">Available</span>,
    },
    { id: 'package', header: 'Package', sortValue: (did) => did.assignedTo?.packageName ?? '', cell: (did) => did.assignedTo?.packageName || none },
    {
      id: 'minuteRate',
      header: 'Per minute',
      numeric: true,
      sortValue: (did) => Number(did.assignedTo?.minuteRate ?? -1),
      cell: (did) => (did.assignedTo ? <Rate value={did.assignedTo.minuteRate} kind="ownRate" perMinute /> : none),
    },
    {
      id: 'monthlyFee',
      header: 'Monthly',
      numeric: true,
      sortValue: (did) => Number(did.assignedTo?.monthlyFee ?? -1),
      cell: (did) => (did.assignedTo ? <Money value={did.assignedTo.monthlyFee} /> : none),
    },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (did) => (
        <>
          <button type="button" className="button button--ghost button--small" aria-label={`Edit ${formatDid(did.number)}`} onClick={() => onEdit(did)}>
            Edit
          </button>
          <button
            type="button"
            className="button button--ghost-danger button--small"
            aria-label={`Remove ${formatDid(did.number)}`}
            disabled={did.assignedTo !== null}
            title={did.assignedTo ? `Assigned to ${did.assignedTo.clientName}: unassign it from the client’s page first` : undefined}
            onClick={() => onRemove(did)}
          >
            Remove
          </button>
        </>
      ),
    },
  ];
}

/** Every number of the inventory, who it rings for and at what rates; search, edit, remove. */
export function DidInventoryTable({ dids }: { dids: readonly DidInventoryView[] }) {
  const { remove } = useDids();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<DidInventoryView | null>(null);
  const [removing, setRemoving] = useState<DidInventoryView | null>(null);
  const [busy, setBusy] = useState(false);
  const wanted = foldForSearch(search.trim());
  const shown = wanted === '' ? dids : dids.filter((did) => searchTextOf(did).includes(wanted));

  const confirmRemove = async (): Promise<void> => {
    if (!removing) return;
    setBusy(true);
    await remove(removing.id, formatDid(removing.number));
    setBusy(false);
    setRemoving(null);
  };
  return (
    <>
      <div className="toolbar" role="search" aria-label="Find DIDs">
        <div className="toolbar__search">
          <Field id="did-search" label="Search" hint="Number, description, client or package.">
            {(control) => <input {...control} className="input" type="search" autoComplete="off" value={search} onChange={(event) => setSearch(event.target.value)} />}
          </Field>
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="muted" role="status">
          No DID matches “{search}”.
        </p>
      ) : (
        <DataTable columns={columns(setEditing, setRemoving)} rows={shown} rowKey={(did) => String(did.id)} caption="DID inventory" initialSort={{ id: 'number', desc: false }} />
      )}
      <EditDidDialog did={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? undefined : setRemoving(null))}
        title={`Remove ${removing ? formatDid(removing.number) : ''}?`}
        description="For a number you gave back to the provider. It leaves the inventory; the calls and invoices that name it keep it. Added again later, it comes back."
        confirmLabel="Remove DID"
        destructive
        busy={busy}
        onConfirm={() => void confirmRemove()}
      />
    </>
  );
}
