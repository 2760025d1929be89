import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { useClient, type ClientCreateInput } from '../../queries/clients';
import { useFormSave } from '../../queries/formSave';
import { ClientForm } from './ClientForm';
import { EMPTY_CLIENT_FORM, formValuesOf } from './clientForm';

const backLink = (path: string, label: string) => (
  <a className="back-link" href={hrefTo(path)}>
    <Icon name="arrowLeft" size={14} />
    {label}
  </a>
);

/** "New client" without an id, "Edit client" with one. */
export function ClientEditorPage({ clientId }: { clientId?: number }) {
  const { client: editing, status: editingStatus, error } = useClient(clientId);
  const creating = useFormSave('clients.create');
  const updating = useFormSave('clients.update');

  if (clientId === undefined) {
    const handleCreate = async (input: ClientCreateInput): Promise<void> => {
      const created = await creating.save(input, (client) => ({ title: 'Client created', description: `${client.name} is ready: connect a package to start.` }));
      if (!created) return;
      navigate(`/clients/${created.id}`, { withToasts: true });
    };
    return (
      <>
        <PageHeader title="New client" back={backLink('/clients', 'Clients')} description="Who you bill, and whether they may keep calling on a zero balance." />
        <ClientForm
          initialValues={EMPTY_CLIENT_FORM}
          submitLabel="Create client"
          cancelPath="/clients"
          saving={creating.saving}
          error={creating.saveError}
          fieldErrors={creating.fieldErrors}
          onSubmit={(input) => void handleCreate(input)}
        />
      </>
    );
  }

  const back = backLink(`/clients/${clientId}`, editing?.name ?? 'Client');
  if (!editing || editing.id !== clientId) {
    return (
      <>
        <PageHeader title="Edit client" back={back} />
        {editingStatus === 'error' && error ? <ErrorBanner error={error} title="Could not load the client" /> : null}
        {editingStatus !== 'error' ? <Loading label="Loading the client…" /> : null}
      </>
    );
  }

  const handleUpdate = async (input: ClientCreateInput): Promise<void> => {
    const saved = await updating.save({ ...input, id: clientId }, (client) => ({ title: 'Client saved', description: `Changes to ${client.name} are saved.` }));
    if (!saved) return;
    navigate(`/clients/${clientId}`, { withToasts: true });
  };
  return (
    <>
      <PageHeader title={`Edit ${editing.name}`} back={back} description="Contact details, address and balance rules of this client." />
      <ClientForm
        key={editing.id}
        initialValues={formValuesOf(editing)}
        currentBalance={editing.balance}
        submitLabel="Save changes"
        cancelPath={`/clients/${clientId}`}
        saving={updating.saving}
        error={updating.saveError}
        fieldErrors={updating.fieldErrors}
        onSubmit={(input) => void handleUpdate(input)}
      />
    </>
  );
}
