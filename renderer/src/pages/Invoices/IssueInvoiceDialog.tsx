import { useState } from 'react';
import { todayIso } from '../../../../preload/common/dates';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import { FormDialog } from '../../components/FormDialog';
import type { FieldErrors } from '../../lib/issues';
import { navigate } from '../../lib/router';
import { useChannelAction } from '../../queries/channel';
import { useOpenClientChoices } from '../../queries/clients';
import { unplacedMessage } from '../../queries/outcome';
import type { ApiError } from '../../../../preload/result';
import { useClientInvoices } from '../../queries/invoices';
import { documentTitle, nextInvoicePeriod } from './invoiceLabels';

interface IssueInvoiceDialogProps {
  open: boolean;
  onClose(): void;
  /** Opened from a client's page: that client, fixed. */
  clientId?: number;
  clientName?: string;
}

/**
 * Issue 11: an invoice on demand, for one client and a period (both days included). Main
 * numbers it (the next number, no gap) and it is final once issued; the dialog then opens it.
 */
export function IssueInvoiceDialog({ open, onClose, clientId, clientName }: IssueInvoiceDialogProps) {
  const { choices } = useOpenClientChoices();
  const issue = useChannelAction('invoices.issue');
  const [chosenClient, setChosenClient] = useState(clientId === undefined ? '' : String(clientId));
  // Until the person picks dates: from the day after the client's last invoice, to today.
  const [typedPeriod, setTypedPeriod] = useState<{ from: string; to: string } | null>(null);
  const invoiced = useClientInvoices(chosenClient === '' ? 0 : Number(chosenClient), chosenClient !== '');
  const offered = invoiced.status === 'ready' ? nextInvoicePeriod(invoiced.invoices, todayIso()) : { from: '', to: '' };
  const period = typedPeriod ?? offered;
  const changeDate = (part: 'from' | 'to', value: string): void => setTypedPeriod({ ...period, [part]: value });
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);
  const [localError, setLocalError] = useState<string | undefined>(undefined);

  const close = (): void => {
    setFailure(null);
    setLocalError(undefined);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (chosenClient === '') {
      setLocalError('Choose the client to invoice');
      return;
    }
    if (period.from === '' || period.to === '') return;
    setLocalError(undefined);
    const outcome = await issue.run({ clientId: Number(chosenClient), from: period.from, to: period.to }, (invoice) => ({
      title: `${documentTitle(invoice)} issued`,
      description: `${invoice.clientName}, ${invoice.periodStart} to ${invoice.periodEnd}.`,
    }));
    if (!outcome.ok) {
      setFailure(outcome);
      return;
    }
    close();
    navigate(`/invoices/${outcome.value.id}`, { withToasts: true });
  };

  const fieldErrors = failure?.fieldErrors ?? {};
  const backwards = period.from !== '' && period.to !== '' && period.to < period.from;
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => (next ? undefined : close())}
      title="Issue an invoice"
      description="For one client and a period, both days included. Once issued it is final and numbered; a correction is a credit note."
      submitLabel="Issue invoice"
      busy={issue.pending}
      message={unplacedMessage(failure?.error ?? null, fieldErrors, ['clientId', 'from', 'to'])}
      onSubmit={() => void submit()}
    >
      {clientId === undefined ? (
        <Field id="issue-client" label="Client" error={localError ?? fieldErrors.clientId}>
          {(control) => (
            <ChoiceSelect
              {...control}
              value={chosenClient}
              placeholder="Choose a client…"
              choices={choices.map((client) => ({ value: String(client.id), label: client.name }))}
              onChange={setChosenClient}
            />
          )}
        </Field>
      ) : (
        <p className="dialog__fixed">
          Client: <strong>{clientName}</strong>
        </p>
      )}
      <div className="form__row">
        <Field id="issue-from" label="From" error={fieldErrors.from}>
          {(control) => (
            <input {...control} className="input input--date" type="date" value={period.from} onChange={(event) => changeDate('from', event.target.value)} />
          )}
        </Field>
        <Field id="issue-to" label="To" error={backwards ? 'The period ends before it starts' : fieldErrors.to}>
          {(control) => (
            <input {...control} className="input input--date" type="date" value={period.to} onChange={(event) => changeDate('to', event.target.value)} />
          )}
        </Field>
      </div>
    </FormDialog>
  );
}
