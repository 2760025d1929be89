import type { ClientPackageView } from '../../../../preload/schemas/clients';
import type { PackageView } from '../../../../preload/schemas/packages';
import { Card } from '../../components/Card';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import { formatMoney } from '../../lib/format';
import type { FieldErrors } from '../../lib/issues';
import { formatDay } from '../Clients/calendar';
import { NextBillingFields } from '../Clients/NextBillingFields';
import { NEW_CONNECTION, type SubaccountFormValues } from './subaccountForm';

type ResellerValues = Pick<SubaccountFormValues, 'connection' | 'packageId' | 'nextBillingDate' | 'chargeSetupNow'>;

interface ResellerSectionProps {
  clientName: string;
  connections: readonly ClientPackageView[];
  packages: readonly PackageView[];
  values: ResellerValues;
  fieldErrors: FieldErrors;
  onChange(change: Partial<ResellerValues>): void;
}

/**
 * Guide: "the Reseller configuration section, here you can choose: Reseller client,
 * Reseller client Package, Next Billing date, and if you decide to charge the set up fees now".
 */
export function ResellerSection({ clientName, connections, packages, values, fieldErrors, onChange }: ResellerSectionProps) {
  const connectionChoices = [
    ...connections.map((connection) => ({
      value: String(connection.id),
      label: `${connection.packageName} — next billing ${formatDay(connection.nextBillingDate)}`,
    })),
    { value: NEW_CONNECTION, label: 'Connect a new package…' },
  ];
  const chosenPackage = packages.find((pkg) => String(pkg.id) === values.packageId);
  return (
    <Card title="Reseller configuration">
      <p className="reseller-client">
        <span className="muted">Reseller client</span> <strong>{clientName}</strong>
      </p>
      <Field
        id="subaccount-connection"
        label="Client package"
        hint="The package this sub account’s calls are rated with: one already connected to the client, or a new one."
        error={fieldErrors.clientPackageId ?? fieldErrors.clientId}
      >
        {(control) => <ChoiceSelect {...control} value={values.connection} choices={connectionChoices} onChange={(connection) => onChange({ connection })} />}
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
                  label: `${pkg.name} — ${formatMoney(pkg.monthlyFee, 2)}/month, setup ${formatMoney(pkg.setupFee, 2)}`,
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
    </Card>
  );
}
