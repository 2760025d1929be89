import { useState } from 'react';
import type { EmailItemView, EmailStatusView } from '../../../../preload/schemas/email';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import type { ActionOutcome } from '../../queries/outcome';
import { useEmailOutbox, useEmailStatus } from '../../queries/email';
import { showToast } from '../../stores/toasts';
import { outboxColumns } from './emailOutboxColumns';

function statusLine(status: EmailStatusView): string {
  const where = status.configured ? 'mail server set' : 'no mail server set: e-mails wait here';
  return `${status.pending} waiting, ${status.failed} failed, ${status.sentToday} sent today · ${where}`;
}

/** A refusal of Retry or Discard is said, never swallowed. */
function sayRefusal(action: string, outcome: ActionOutcome<unknown>): void {
  if (!outcome.ok) showToast({ tone: 'error', title: `Could not ${action} the e-mail`, description: outcome.error.message });
}

/**
 * The e-mail outbox (issue 15), like the sync's: every e-mail the console sends waits here
 * until the server takes it; a failed try shows the server's words, the tries and the next
 * one, with Retry and Discard. Live: the worker announces each move ('email').
 */
export function EmailOutbox() {
  const [showSent, setShowSent] = useState(false);
  const status = useEmailStatus();
  const { items, status: loadStatus, error, reload, retry, discard, discarding: discardPending } = useEmailOutbox(showSent ? 'all' : 'open');
  const [discarding, setDiscarding] = useState<EmailItemView | null>(null);

  const confirmDiscard = async (): Promise<void> => {
    if (!discarding) return;
    sayRefusal('discard', await discard(discarding));
    setDiscarding(null);
  };
  const retryItem = async (item: EmailItemView): Promise<void> => sayRefusal('retry', await retry(item));

  const counts = status.data;
  return (
    <Card title="E-mail outbox" aside={counts ? <span className="muted" data-testid="email-outbox-status">{statusLine(counts)}</span> : null}>
      <p className="muted">
        Low-balance notices and invoices wait here until your mail server takes them. When it cannot be reached they are tried again, later each time; after
        a few tries, or when the server refuses them, they stop as failed until you retry them.
      </p>
      <CheckboxField id="email-outbox-show-sent" label="Show sent e-mails too" checked={showSent} onChange={setShowSent} />
      {loadStatus === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load the e-mail outbox"
          action={
            <button type="button" className="button button--secondary" onClick={() => void reload()}>
              Try again
            </button>
          }
        />
      ) : null}
      {loadStatus === 'loading' ? <Loading label="Loading the e-mail outbox…" /> : null}
      {loadStatus === 'ready' && items.length === 0 ? (
        <EmptyState icon="check" title={showSent ? 'No e-mail yet' : 'Nothing waiting'}>
          <p>{showSent ? 'E-mails the console sends are listed here.' : 'Every e-mail has been sent.'}</p>
        </EmptyState>
      ) : null}
      {loadStatus === 'ready' && items.length > 0 ? (
        <DataTable
          columns={outboxColumns((item) => void retryItem(item), setDiscarding)}
          rows={items}
          rowKey={(item) => String(item.id)}
          caption={`E-mail outbox: ${plural(items.length, 'e-mail', 'e-mails')}`}
          className="email-outbox__table"
          initialSort={{ id: 'id', desc: true }}
        />
      ) : null}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => (open ? undefined : setDiscarding(null))}
        title={`Discard “${discarding?.subject ?? ''}”?`}
        description={`It will not be sent to ${discarding?.to ?? ''}. Nothing else changes: an invoice can be e-mailed again from its page.`}
        confirmLabel="Discard e-mail"
        destructive
        busy={discardPending}
        onConfirm={() => void confirmDiscard()}
      />
    </Card>
  );
}
