import { useState, type FormEvent } from 'react';
import type { ClientManageView } from '../../../../preload/schemas/clients';
import type { TaxLineView } from '../../../../preload/schemas/invoices';
import { Card } from '../../components/Card';
import { ChoiceField } from '../../components/ChoiceField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { hrefTo, useUnsavedChangesGuard } from '../../lib/router';
import { useChannel, useChannelAction } from '../../queries/channel';
import type { ApiError } from '../../../../preload/result';
import type { FieldErrors } from '../../lib/issues';
import { useClientTaxes } from '../../queries/invoices';
import { unplacedMessage } from '../../queries/outcome';
import { taxesOf, taxesSummary, taxRowsOf, type TaxRow } from '../Settings/invoiceSettingsForm';
import { TaxesEditor } from '../Settings/TaxesEditor';

type TaxMode = 'default' | 'own';

interface TaxDraft {
  mode: TaxMode;
  rows: TaxRow[];
}

const draftOf = (taxes: readonly TaxLineView[] | null): TaxDraft => ({ mode: taxes === null ? 'default' : 'own', rows: taxRowsOf(taxes ?? []) });
const fingerprint = (draft: TaxDraft): string => JSON.stringify({ mode: draft.mode, taxes: draft.mode === 'own' ? taxesOf(draft.rows) : null });

function ClientTaxesForm({ clientId, saved, defaults, closed }: { clientId: number; saved: TaxLineView[] | null; defaults: TaxLineView[] | null; closed: boolean }) {
  const [baseline, setBaseline] = useState(() => draftOf(saved));
  const [draft, setDraft] = useState(baseline);
  const { run, pending: saving } = useChannelAction('invoices.setClientTaxes');
  const [failure, setFailure] = useState<{ error: ApiError; fieldErrors: FieldErrors } | null>(null);
  const saveError = failure?.error ?? null;
  const fieldErrors = failure?.fieldErrors ?? {};
  const dirty = fingerprint(draft) !== fingerprint(baseline);
  useUnsavedChangesGuard(dirty, "this client's taxes");

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const taxes = draft.mode === 'own' ? taxesOf(draft.rows) : null;
    const outcome = await run({ clientId, taxes }, (value) => ({
      title: 'Taxes saved',
      description: value === null ? 'This client pays the default taxes.' : `This client pays: ${taxesSummary(value)}.`,
    }));
    if (!outcome.ok) {
      setFailure(outcome);
      return;
    }
    setFailure(null);
    const next = draftOf(outcome.value);
    setBaseline(next);
    setDraft(next);
  };

  const defaultText = defaults === null ? 'the default taxes' : `the default taxes (${taxesSummary(defaults)})`;
  return (
    <form className="form client-taxes" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving} aria-label="Client taxes">
      {saveError ? (
        <ErrorBanner error={{ ...saveError, message: unplacedMessage(saveError, fieldErrors, Object.keys(fieldErrors)) ?? 'Please correct the taxes below.' }} title="The taxes were not saved" />
      ) : null}
      <ChoiceField<TaxMode>
        id="client-tax-mode"
        legend="Taxes on this client's invoices"
        value={draft.mode}
        inline
        choices={[
          { value: 'default', label: 'The default list', description: <>Pays {defaultText}, as set in <a href={hrefTo('/settings/invoices')}>Settings → Invoices</a>.</> },
          { value: 'own', label: 'Its own list', description: 'e.g. a client in another province or country, or one exempt from tax (an empty list).' },
        ]}
        onChange={(mode) => setDraft((current) => ({ mode, rows: mode === 'own' && current.rows.length === 0 ? taxRowsOf(defaults ?? []) : current.rows }))}
      />
      {draft.mode === 'own' ? (
        <TaxesEditor
          idPrefix="client-taxes"
          legend="This client's taxes"
          rows={draft.rows}
          onChange={(rows) => setDraft((current) => ({ ...current, rows }))}
          fieldErrors={fieldErrors}
          path="taxes"
          disabled={closed}
        />
      ) : null}
      {closed ? null : (
        <div className="form__actions">
          <button type="submit" className="button button--primary button--small" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save taxes'}
          </button>
          {dirty ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setDraft(baseline)}>
              Discard changes
            </button>
          ) : null}
        </div>
      )}
    </form>
  );
}

/** Issue 11: the taxes on this client's invoices — the default list, or its own (e.g. GST only). */
export function ClientTaxesCard({ view }: { view: ClientManageView }) {
  const { client } = view;
  const { taxes, loaded, status, error } = useClientTaxes(client.id);
  const settings = useChannel('invoices.settings');
  const defaults = settings.data?.defaultTaxes ?? null;
  let body;
  if (status === 'error' && error) body = <ErrorBanner error={error} title="Could not load the client's taxes" />;
  else if (!loaded) body = <Loading label="Loading the taxes…" />;
  else body = <ClientTaxesForm key={JSON.stringify(taxes)} clientId={client.id} saved={taxes} defaults={defaults} closed={client.status === 'closed'} />;
  return (
    <Card title="Taxes" className="client-taxes-card">
      {body}
    </Card>
  );
}
