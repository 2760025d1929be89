import { useState } from 'react';
import type { ApiError } from '../../../../preload/result';
import type { InvoiceView } from '../../../../preload/schemas/invoices';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import type { FieldErrors } from '../../lib/issues';
import { hrefTo } from '../../lib/router';
import { useClient } from '../../queries/clients';
import { useEmailInvoice, useEmailStatus } from '../../queries/email';
import { unplacedMessage } from '../../queries/outcome';
import { documentTitle } from './invoiceLabels';

type Failure = { error: ApiError; fieldErrors: FieldErrors } | null;

interface EmailInvoiceDialogProps {
  invoice: InvoiceView;
  open: boolean;
  onClose(): void;
}

/** Said in the dialog when no mail server is set: the e-mail is refused or waits, and where to fix it. */
function NoMailServer() {
  return (
    <div className="banner banner--warning" role="note">
      <div className="banner__body">
        <p className="banner__title">No mail server is set up</p>
        <p className="banner__message">
          Set one in{' '}
          <a className="email-inline-link" href={hrefTo('/settings/email')}>
            Settings → E-mail
          </a>{' '}
          first.
        </p>
      </div>
    </div>
  );
}

function RecipientDialog({ invoice, onClose, clientEmail }: { invoice: InvoiceView; onClose(): void; clientEmail: string }) {
  const emailing = useEmailInvoice();
  const status = useEmailStatus();
  const [to, setTo] = useState(clientEmail);
  const [failure, setFailure] = useState<Failure>(null);
  const title = documentTitle(invoice);
  const submit = async (): Promise<void> => {
    const outcome = await emailing.run({ id: invoice.id, to: to.trim() }, (item) => ({
      title: 'Invoice e-mail queued',
      description: `${title} goes to ${item.to} with its PDF attached; its progress shows on this page and in Settings → E-mail.`,
    }));
    if (outcome.ok) onClose();
    else setFailure(outcome);
  };
  const fieldErrors = failure?.fieldErrors ?? {};
  return (
    <FormDialog
      open
      onOpenChange={(next) => (next ? undefined : onClose())}
      title={`E-mail ${title}`}
      description={`Sends ${title} to ${invoice.clientName} with its PDF attached, through the e-mail outbox (tried again if your mail server cannot be reached).`}
      submitLabel="Queue e-mail"
      busy={emailing.pending}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['to'])}
      onSubmit={() => void submit()}
    >
      {status.data && !status.data.configured ? <NoMailServer /> : null}
      <Field
        id="invoice-email-to"
        label="Send to"
        hint={clientEmail ? `The client's e-mail is ${clientEmail}; change it to send the invoice elsewhere (e.g. their accountant).` : 'The client has no e-mail: enter one.'}
        error={fieldErrors.to}
      >
        {(control) => <input {...control} className="input" type="email" autoComplete="off" spellCheck={false} value={to} onChange={(event) => setTo(event.target.value)} />}
      </Field>
    </FormDialog>
  );
}

/**
 * Issue 15, "E-mail invoice": the recipient starts as the client's e-mail, editable; the
 * e-mail is queued (the worker sends it with the PDF attached) and the page lists its state.
 */
export function EmailInvoiceDialog({ invoice, open, onClose }: EmailInvoiceDialogProps) {
  const { client, status } = useClient(open ? invoice.clientId : undefined);
  if (!open) return null;
  // The address field starts from the client's e-mail, so the dialog's form waits for it (or for its failure: then empty).
  if (!client && status !== 'error') return null;
  return <RecipientDialog key={client?.email ?? ''} invoice={invoice} onClose={onClose} clientEmail={client?.email ?? ''} />;
}
