import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { useClients, type ClientCreateInput } from '../../stores/clients';
import { showToast } from '../../stores/toasts';
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
  const { editing, editingStatus, error, saving, saveError, fieldErrors, loadForEdit, create, update, clearErrors } = useClients();

  useEffect(() => {
    clearErrors();
    if (clientId !== undefined) void loadForEdit(clientId);
  }, [clientId, loadForEdit, clearErrors]);

  if (clientId === undefined) {
    const handleCreate = async (input: ClientCreateInput): Promise<void> => {
      const created = await create(input);
      if (!created) return;
      showToast({ tone: 'success', title: 'Client created', description: `${created.name} is ready: connect a package to start.` });
      navigate(`/clients/${created.id}`);
    };
    return (
      <>
        <PageHeader title="New client" back={backLink('/clients', 'Clients')} description="Who you bill, and whether they may keep calling on a zero balance." />
        <ClientForm
          initialValues={EMPTY_CLIENT_FORM}
          submitLabel="Create client"
          cancelPath="/clients"
          saving={saving}
          error={saveError}
          fieldErrors={fieldErrors}
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
    const saved = await update({ ...input, id: clientId });
    if (!saved) return;
    showToast({ tone: 'success', title: 'Client saved', description: `Changes to ${saved.name} are saved.` });
    navigate(`/clients/${clientId}`);
  };
  return (
    <>
      <PageHeader title={`Edit ${editing.name}`} back={back} description="Contact details, address and balance rules of this client." />
      <ClientForm
        key={editing.id}
        initialValues={formValuesOf(editing)}
        submitLabel="Save changes"
        cancelPath={`/clients/${clientId}`}
        saving={saving}
        error={saveError}
        fieldErrors={fieldErrors}
        onSubmit={(input) => void handleUpdate(input)}
      />
    </>
  );
}
