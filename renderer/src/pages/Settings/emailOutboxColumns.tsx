import { formatDateTime } from '../../../../preload/common/format';
import type { EmailItemView, EmailKind } from '../../../../preload/schemas/email';
import type { DataColumn } from '../../components/DataTable';

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  low_balance: 'Low-balance notice',
  invoice: 'Invoice',
  test: 'Test',
};

type Tone = 'success' | 'danger' | 'warning' | 'neutral';

/** Where an e-mail stands, in words (never colour alone). */
export function emailStateOf(item: EmailItemView): { label: string; tone: Tone } {
  if (item.status === 'sent') return { label: 'Sent', tone: 'success' };
  if (item.status === 'failed') return { label: 'Failed', tone: 'danger' };
  if (item.lastError !== null) return { label: 'Retrying', tone: 'warning' };
  return { label: 'Waiting', tone: 'neutral' };
}

const BADGE_CLASS: Record<Tone, string> = { success: 'badge badge--success', danger: 'badge badge--danger', warning: 'badge badge--warning', neutral: 'badge' };

export function EmailStateBadge({ item }: { item: EmailItemView }) {
  const state = emailStateOf(item);
  return <span className={BADGE_CLASS[state.tone]}>{state.label}</span>;
}

/** Retry for one the worker gave up on, or one waiting after a failed try (sent at once instead of at its next try). */
export const canRetry = (item: EmailItemView): boolean => item.status === 'failed' || (item.status === 'pending' && item.lastError !== null);
export const canDiscard = (item: EmailItemView): boolean => item.status !== 'sent';

/** What happened last: the server's words and when it is tried again, or when it was sent. */
export function EmailOutcome({ item }: { item: EmailItemView }) {
  if (item.status === 'sent') return <span className="muted">{item.sentAt ? `Sent ${formatDateTime(item.sentAt)}` : 'Sent'}</span>;
  return (
    <>
      {item.lastError ? <span className="email-outbox__error">{item.lastError}</span> : null}
      {item.nextAttemptAt ? <span className="email-outbox__next">{`Next try ${formatDateTime(item.nextAttemptAt)}`}</span> : null}
      {item.status === 'failed' ? <span className="email-outbox__next">Not tried again unless you retry it.</span> : null}
      {!item.lastError && !item.nextAttemptAt && item.status === 'pending' ? <span className="muted">Sent at the next try.</span> : null}
    </>
  );
}

const label = (item: EmailItemView): string => `#${item.id}: ${item.subject}`;

export function outboxColumns(onRetry: (item: EmailItemView) => void, onDiscard: (item: EmailItemView) => void): DataColumn<EmailItemView>[] {
  return [
    { id: 'id', header: '#', numeric: true, sortValue: (item) => item.id, cell: (item) => item.id },
    {
      id: 'subject',
      header: 'E-mail',
      rowHeader: true,
      sortValue: (item) => item.subject,
      cellTitle: (item) => `Queued ${formatDateTime(item.createdAt)}`,
      cell: (item) => (
        <>
          {item.subject}
          <span className="email-outbox__meta">{[EMAIL_KIND_LABELS[item.kind], item.clientName].filter(Boolean).join(' · ')}</span>
        </>
      ),
    },
    { id: 'to', header: 'To', sortValue: (item) => item.to, cell: (item) => <span className="email-outbox__to">{item.to}</span> },
    { id: 'state', header: 'State', sortValue: (item) => emailStateOf(item).label, cell: (item) => <EmailStateBadge item={item} /> },
    { id: 'attempts', header: 'Tries', numeric: true, sortValue: (item) => item.attempts, cell: (item) => item.attempts },
    { id: 'outcome', header: 'Last error / next try', sortValue: (item) => item.lastError ?? '', className: 'email-outbox__outcome', cell: (item) => <EmailOutcome item={item} /> },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (item) => (
        <>
          {canRetry(item) ? (
            <button type="button" className="button button--secondary button--small" aria-label={`Retry ${label(item)}`} onClick={() => onRetry(item)}>
              Retry
            </button>
          ) : null}
          {canDiscard(item) ? (
            <button type="button" className="button button--ghost-danger button--small" aria-label={`Discard ${label(item)}`} onClick={() => onDiscard(item)}>
              Discard
            </button>
          ) : null}
        </>
      ),
    },
  ];
}
