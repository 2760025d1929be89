import type { ClientPackageView } from '../../../../preload/schemas/clients';
import type { PackageView } from '../../../../preload/schemas/packages';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import { formatMoney } from '../../../../preload/common/format';
import type { FieldErrors } from '../../lib/issues';
import { formatDay } from '../../../../preload/common/dates';
import { NextBillingFields } from '../Clients/NextBillingFields';
import { NEW_CONNECTION, type SubaccountFormValues } from './subaccountForm';

export type ConnectionValues = Pick<SubaccountFormValues, 'connection' | 'packageId' | 'nextBillingDate' | 'chargeSetupNow'>;

interface ConnectionFieldsProps {
  connections: readonly ClientPackageView[];
  packages: readonly PackageView[];
  values: ConnectionValues;
  fieldErrors: FieldErrors;
  /** The message under the client package choice (its field path depends on the page). */
  connectionError: string | undefined;
  /** While the client's packages are read, the choice waits. */
  loading?: boolean;
  onChange(change: Partial<ConnectionValues>): void;
}

/**
 * Guide: "Reseller client Package, Next Billing date, and if you decide to charge the set up
 * fees now" — one of the client's packages, or a package connected in the same step.
 */
export function ConnectionFields({ connections, packages, values, fieldErrors, connectionError, loading = false, onChange }: ConnectionFieldsProps) {
  const connectionChoices = [
    ...connections.map((connection) => ({
      value: String(connection.id),
      label: `${connection.packageName} — next billing ${formatDay(connection.nextBillingDate)}`,
    })),
    { value: NEW_CONNECTION, label: 'Connect a new package…' },
  ];
  const chosenPackage = packages.find((pkg) => String(pkg.id) === values.packageId);
  return (
    <>
      <Field
        id="subaccount-connection"
        label="Client package"
        hint="The package this sub account’s calls are rated with: one already connected to the client, or a new one."
        error={connectionError}
      >
        {(control) => (
          <ChoiceSelect
            {...control}
            value={loading ? '' : values.connection}
            placeholder={loading ? 'Loading the client’s packages…' : 'Choose a client package…'}
            disabled={loading}
            choices={connectionChoices}
            onChange={(connection) => onChange({ connection })}
          />
        )}
      </Field>
      {values.connection === NEW_CONNECTION ? (
        <div className="nested-fields">
          <Field id="subaccount-package" label="Package to connect" error={fieldErrors.packageId}>
            {(control) => (
              <ChoiceSelect
                {...control}
                value={values.packageId}
                placeholder={packages.length === 0 ? 'No packages yet' : 'Choose a package…'}
                choices={packages.map((pkg) => ({
                  value: String(pkg.id),
                  label: `${pkg.name} — ${formatMoney(pkg.monthlyFee)}/month, setup ${formatMoney(pkg.setupFee)}`,
                }))}
                onChange={(packageId) => onChange({ packageId })}
              />
            )}
          </Field>
          <NextBillingFields
            idPrefix="subaccount"
            nextBillingDate={values.nextBillingDate}
            chargeSetupNow={values.chargeSetupNow}
            setupFee={chosenPackage?.setupFee ?? null}
            error={fieldErrors.nextBillingDate}
            onDateChange={(nextBillingDate) => onChange({ nextBillingDate })}
            onChargeSetupNowChange={(chargeSetupNow) => onChange({ chargeSetupNow })}
          />
        </div>
      ) : null}
    </>
  );
}
