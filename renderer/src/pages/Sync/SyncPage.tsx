import { useState } from 'react';
import { formatDateTime } from '../../../../preload/common/format';
import type { OutboxItemView } from '../../../../preload/schemas/sync';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useSyncItems, useSyncStatus } from '../../queries/sync';

/** Where an item stands, in words (never colour alone). */
function stateOf(item: OutboxItemView): { label: string; tone: 'danger' | 'warning' | 'neutral' } {
  if (item.state === 'failed') return { label: 'Failed', tone: 'danger' };
  if (item.state === 'sending') return { label: 'Sending', tone: 'neutral' };
  if (item.blockedBy !== null) return { label: `Held behind #${item.blockedBy}`, tone: 'warning' };
  if (item.lastError?.status === 'waiting') return { label: 'Waiting', tone: 'warning' };
  return { label: 'Pending', tone: 'neutral' };
}

const badgeClass = { danger: 'badge badge--danger', warning: 'badge badge--warning', neutral: 'badge' } as const;

function messageOf(item: OutboxItemView): string {
  if (item.lastError) return item.lastError.status === 'waiting' ? item.lastError.message : `${item.lastError.message} (${item.lastError.status})`;
  return '';
}

function columns(onRetry: (item: OutboxItemView) => void, onDiscard: (item: OutboxItemView) => void): DataColumn<OutboxItemView>[] {
  return [
    { id: 'id', header: '#', numeric: true, sortValue: (item) => item.id, cell: (item) => item.id },
    { id: 'summary', header: 'Change', rowHeader: true, sortValue: (item) => item.summary, cellTitle: (item) => `Made ${formatDateTime(item.createdAt)}`, cell: (item) => item.summary },
    // The API call under its change's line would make the row header's name longer: a column of its own, narrow.
    { id: 'method', header: 'API call', sortValue: (item) => item.method, cell: (item) => <code className="sync-method">{item.method}</code> },
    {
      id: 'state',
      header: 'State',
      sortValue: (item) => stateOf(item).label,
      cell: (item) => {
        const state = stateOf(item);
        return <span className={badgeClass[state.tone]}>{state.label}</span>;
      },
    },
    { id: 'attempts', header: 'Tries', numeric: true, sortValue: (item) => item.attempts, cell: (item) => item.attempts },
    {
      id: 'message',
      header: 'Provider’s answer',
      sortValue: messageOf,
      cell: (item) => {
        const message = messageOf(item);
        const next = item.nextAttemptAt ? ` Next try ${formatDateTime(item.nextAttemptAt)}.` : '';
        return message || next ? `${message}${next}` : <span className="muted">—</span>;
      },
    },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (item) => (
        <>
          {item.state === 'failed' ? (
            <button type="button" className="button button--secondary button--small" aria-label={`Retry #${item.id}: ${item.summary}`} onClick={() => onRetry(item)}>
              Retry
            </button>
          ) : null}
          {item.state !== 'sending' ? (
            <button type="button" className="button button--ghost-danger button--small" aria-label={`Discard #${item.id}: ${item.summary}`} onClick={() => onDiscard(item)}>
              Discard
            </button>
          ) : null}
        </>
      ),
    },
  ];
}

/**
 * Issue 12, the Sync page: the changes on their way to the provider, oldest first —
 * pending, held behind a failed change of the same client, or failed with the provider's
 * own message — with Retry and Discard. Live: it refreshes as items move.
 */
export function SyncPage() {
  const status = useSyncStatus();
  const { items, status: loadStatus, error, reload, retry, discard, push, pushing } = useSyncItems();
  const [discarding, setDiscarding] = useState<OutboxItemView | null>(null);
  const [busy, setBusy] = useState(false);

  const confirmDiscard = async (): Promise<void> => {
    if (!discarding) return;
    setBusy(true);
    await discard(discarding);
    setBusy(false);
    setDiscarding(null);
  };

  const counts = status.data;
  const summary = counts
    ? `${counts.pending} pending, ${counts.failed} failed · ${counts.configured ? 'provider configured' : 'no provider configured: changes wait here'} · last sync ${counts.lastSyncAt ? formatDateTime(counts.lastSyncAt) : 'never'}`
    : '';
  return (
    <>
      <PageHeader
        title="Sync"
        description="Changes the provider must hear of — clients, payments and charges, sub accounts, DIDs — are sent in order, client by client. Offline is fine: they wait here."
        actions={
          <button type="button" className="button button--primary" disabled={pushing} onClick={() => void push()}>
            {pushing ? 'Sending…' : 'Send now'}
          </button>
        }
      />
      {counts ? (
        <p className="muted" role="status" aria-label="Sync status">
          {summary}
        </p>
      ) : null}
      {loadStatus === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the changes waiting for the provider"
          action={
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              Try again
            </button>
          }
        />
      ) : null}
      {loadStatus === 'loading' ? <Loading label="Loading changes…" /> : null}
      {loadStatus === 'ready' && items.length === 0 ? (
        <Card>
          <EmptyState icon="sync" title="Everything is in step">
            <p>No change is waiting for the provider.</p>
          </EmptyState>
        </Card>
      ) : null}
      {loadStatus === 'ready' && items.length > 0 ? (
        <Card title="Waiting for the provider" aside={<span className="muted">{`${items.length} changes`}</span>}>
          <DataTable columns={columns((item) => void retry(item), setDiscarding)} rows={items} rowKey={(item) => String(item.id)} caption="Changes waiting for the provider" initialSort={{ id: 'id', desc: false }} />
        </Card>
      ) : null}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => (open ? undefined : setDiscarding(null))}
        title={`Discard “${discarding?.summary ?? ''}”?`}
        description="The provider will never hear of this change. It stays made here: fix it at the provider by hand if it must be there. The changes held behind it go on."
        confirmLabel="Discard change"
        destructive
        busy={busy}
        onConfirm={() => void confirmDiscard()}
      />
    </>
  );
}
