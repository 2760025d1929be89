import { formatDateTime } from '../../../../preload/common/format';
import type { EmailItemView } from '../../../../preload/schemas/email';
import { Card } from '../../components/Card';
import { hrefTo } from '../../lib/router';
import { useEmailActions, useInvoiceEmails } from '../../queries/email';
import { showToast } from '../../stores/toasts';
import { canRetry, EmailOutcome, EmailStateBadge } from '../Settings/emailOutboxColumns';

function EmailRow({ item, onRetry }: { item: EmailItemView; onRetry(item: EmailItemView): void }) {
  return (
    <li className="invoice-emails__item" data-testid="invoice-email">
      <div className="invoice-emails__head">
        <EmailStateBadge item={item} />
        <span>
          To <strong>{item.to}</strong>, queued {formatDateTime(item.createdAt)}
          {item.attempts > 0 ? ` · ${item.attempts} ${item.attempts === 1 ? 'try' : 'tries'}` : ''}
        </span>
        {canRetry(item) ? (
          <button type="button" className="button button--secondary button--small" aria-label={`Retry the e-mail to ${item.to}`} onClick={() => onRetry(item)}>
            Retry
          </button>
        ) : null}
      </div>
      <div className="invoice-emails__outcome">
        <EmailOutcome item={item} />
      </div>
    </li>
  );
}

/** Issue 15: this invoice's e-mails and where each stands (live: the worker announces each move); nothing when none was sent. */
export function InvoiceEmails({ invoiceId }: { invoiceId: number }) {
  const { items } = useInvoiceEmails(invoiceId);
  const { retry } = useEmailActions();
  if (items.length === 0) return null;
  const retryItem = async (item: EmailItemView): Promise<void> => {
    const outcome = await retry(item);
    if (!outcome.ok) showToast({ tone: 'error', title: 'Could not retry the e-mail', description: outcome.error.message });
  };
  return (
    <Card title="E-mails" aside={<a href={hrefTo('/settings/email')}>E-mail outbox</a>} className="invoice-emails">
      <ul className="plain-list invoice-emails__list">
        {items.map((item) => (
          <EmailRow key={item.id} item={item} onRetry={(chosen) => void retryItem(chosen)} />
        ))}
      </ul>
    </Card>
  );
}
