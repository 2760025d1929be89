import { useState } from 'react';
import type { SubaccountView } from '../../../../preload/schemas/telephony';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { useClientManage } from '../../queries/clients';
import { usePackages } from '../../queries/packages';
import { useCreateSubaccount, useSubaccount, useUpdateSubaccount } from '../../queries/subaccounts';
import { EditResellerSection } from './EditResellerSection';
import { PasswordReveal } from './PasswordReveal';
import { ResellerSection } from './ResellerSection';
import { SubaccountCreated } from './SubaccountCreated';
import { SubaccountForm } from './SubaccountForm';
import { editValuesOf, newSubaccountValues, toCreateInput, toUpdateInput, type SubaccountFormValues } from './subaccountForm';

const savedDescription = (saved: SubaccountView): string =>
  saved.clientName === null
    ? `Changes to ${saved.account} are saved. It is not bound to a client.`
    : `Changes to ${saved.account} are saved. It belongs to ${saved.clientName}${saved.packageName ? `, rated with “${saved.packageName}”` : ''}.`;

const backLink = (path: string, label: string) => (
  <a className="back-link" href={hrefTo(path)}>
    <Icon name="arrowLeft" size={14} />
    {label}
  </a>
);

/** Guide: "Sub accounts menu >> Create Sub account", reached from the client's Manage page. */
export function NewSubaccountPage({ clientId }: { clientId: number }) {
  const manage = useClientManage(clientId);
  const { packages } = usePackages();
  const { save: create, saving, saveError, fieldErrors } = useCreateSubaccount();
  // The sub account just made, with its generated password: shown once, never cached.
  const [current, setCurrent] = useState<SubaccountView | null>(null);

  const view = manage.view?.client.id === clientId ? manage.view : null;
  const back = backLink(`/clients/${clientId}`, view?.client.name ?? 'Client');
  if (current && current.clientId === clientId) {
    return (
      <>
        <PageHeader title={`Sub account ${current.username}`} back={back} />
        <SubaccountCreated subaccount={current} />
      </>
    );
  }
  if (!view) {
    return (
      <>
        <PageHeader title="New sub account" back={back} />
        {manage.status === 'error' && manage.error ? <ErrorBanner error={manage.error} title="Could not load the client" /> : <Loading label="Loading the client…" />}
      </>
    );
  }

  const handleCreate = async (values: SubaccountFormValues): Promise<void> => {
    const created = await create(toCreateInput(values, clientId), (subaccount) => ({ title: 'Sub account created', description: `${subaccount.account} is ready to register.` }));
    if (created) setCurrent(created);
  };
  return (
    <>
      <PageHeader title="New sub account" back={back} description={`A SIP login for ${view.client.name}, rated with one of their packages.`} />
      <SubaccountForm
        key={clientId}
        mode="create"
        initialValues={newSubaccountValues(view.packages[0]?.id)}
        reseller={(slot) => <ResellerSection {...slot} clientName={view.client.name} connections={view.packages} packages={packages} />}
        submitLabel="Create sub account"
        cancelPath={`/clients/${clientId}`}
        saving={saving}
        error={saveError}
        fieldErrors={fieldErrors}
        onSubmit={(values) => void handleCreate(values)}
      />
    </>
  );
}

/** Guide: "Sub Accounts >> Edit Sub Account >> Manage and add a package there": settings, client and package. */
export function EditSubaccountPage({ subaccountId }: { subaccountId: number }) {
  const { subaccount: current, status, error } = useSubaccount(subaccountId);
  const { save: update, saving, saveError, fieldErrors } = useUpdateSubaccount();
  const { packages } = usePackages();

  const clientPath = current?.clientId ? `/clients/${current.clientId}` : '/clients';
  const back = backLink(clientPath, current?.clientName ?? 'Clients');
  if (!current || current.id !== subaccountId) {
    return (
      <>
        <PageHeader title="Edit sub account" back={back} />
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the sub account" /> : <Loading label="Loading the sub account…" />}
      </>
    );
  }

  const initialValues = editValuesOf(current);
  const handleUpdate = async (values: SubaccountFormValues): Promise<void> => {
    const saved = await update(toUpdateInput(values, initialValues, subaccountId), (subaccount) => ({ title: 'Sub account saved', description: savedDescription(subaccount) }));
    if (!saved) return;
    // To the client it now belongs to; after "No client", back to the one it left.
    navigate(saved.clientId === null ? clientPath : `/clients/${saved.clientId}`, { withToasts: true });
  };
  const packageText = current.packageName ? `, rated with the package “${current.packageName}”` : '';
  return (
    <>
      <PageHeader
        title={`Edit ${current.username}`}
        back={back}
        description={
          <>
            SIP username <code>{current.account}</code>
            {current.clientName ? ` of ${current.clientName}` : ''}
            {packageText}.
          </>
        }
      />
      <SubaccountForm
        key={current.id}
        mode="edit"
        initialValues={initialValues}
        passwordReveal={<PasswordReveal subaccountId={current.id} />}
        reseller={(slot) => <EditResellerSection {...slot} subaccount={current} packages={packages} />}
        submitLabel="Save changes"
        cancelPath={clientPath}
        saving={saving}
        error={saveError}
        fieldErrors={fieldErrors}
        onSubmit={(values) => void handleUpdate(values)}
      />
    </>
  );
}
