import type { PackageView } from '../../../../preload/schemas/packages';
import type { SubaccountView } from '../../../../preload/schemas/telephony';
import { Card } from '../../components/Card';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import type { FieldErrors } from '../../lib/issues';
import { useClientManage, useOpenClientChoices } from '../../queries/clients';
import { ConnectionFields, type ConnectionValues } from './ConnectionFields';
import { NO_CLIENT, connectionErrorOf, type SubaccountFormValues } from './subaccountForm';

type EditResellerValues = ConnectionValues & Pick<SubaccountFormValues, 'client'>;

interface EditResellerSectionProps {
  /** The sub account as loaded: its client and package are what "unchanged" means. */
  subaccount: SubaccountView;
  packages: readonly PackageView[];
  values: EditResellerValues;
  fieldErrors: FieldErrors;
  onChange(change: Partial<EditResellerValues>): void;
}

/**
 * Guide: "If you already have a sub account created, you can modify it at Sub Accounts >>
 * Edit Sub Account >> Manage and add a package there." Here the client can change too, or
 * be removed ("No client").
 */
export function EditResellerSection({ subaccount, packages, values, fieldErrors, onChange }: EditResellerSectionProps) {
  const { choices: clients, status: clientsStatus, error: clientsError } = useOpenClientChoices();
  const chosenClientId = values.client === NO_CLIENT ? null : Number(values.client);
  // The chosen client's connected packages, read afresh on each choice (another page may have changed them).
  const chosen = useClientManage(chosenClientId);

  const clientChoices = [
    { value: NO_CLIENT, label: 'No client' },
    ...clients.map((client) => ({ value: String(client.id), label: client.name })),
  ];
  // The sub account's own client stays a choice even before the list arrives.
  if (subaccount.clientId !== null && !clients.some((client) => client.id === subaccount.clientId)) {
    clientChoices.push({ value: String(subaccount.clientId), label: subaccount.clientName ?? `Client ${subaccount.clientId}` });
  }
  const chooseClient = (client: string): void => {
    // Back to its own client: its own package again; another client: its packages are to choose from.
    const ownClient = subaccount.clientId !== null && client === String(subaccount.clientId);
    onChange({ client, connection: ownClient && subaccount.clientPackageId !== null ? String(subaccount.clientPackageId) : '' });
  };

  const chosenError = chosen.status === 'error' ? chosen.error : null;
  const clientLoadError = clientsStatus === 'error' && clientsError ? `Could not load the clients: ${clientsError.message}` : undefined;
  const unbinding = chosenClientId === null && subaccount.clientId !== null;
  return (
    <Card title="Reseller configuration">
      <Field
        id="subaccount-client"
        label="Reseller client"
        hint="The client whose balance this sub account’s calls are charged to."
        error={fieldErrors.clientId ?? clientLoadError}
      >
        {(control) => <ChoiceSelect {...control} value={values.client} choices={clientChoices} onChange={chooseClient} />}
      </Field>
      {chosenClientId === null ? (
        <p className={unbinding ? 'banner banner--info' : 'muted'}>
          {unbinding
            ? `Saving removes this sub account from ${subaccount.clientName ?? 'its client'}. Its calls stay unrated until it has a client package again; the client keeps its packages.`
            : 'Not bound to a client: its calls stay unrated until you choose a client and a package.'}
        </p>
      ) : (
        <ConnectionFields
          connections={chosen.view?.packages ?? []}
          packages={packages}
          values={values}
          fieldErrors={fieldErrors}
          connectionError={chosenError ? `Could not load the client’s packages: ${chosenError.message}` : connectionErrorOf(fieldErrors, values.connection)}
          loading={chosen.status === 'loading'}
          onChange={onChange}
        />
      )}
    </Card>
  );
}
