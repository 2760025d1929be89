import type { ClientPackageView } from '../../../../preload/schemas/clients';
import type { PackageView } from '../../../../preload/schemas/packages';
import { Card } from '../../components/Card';
import type { FieldErrors } from '../../lib/issues';
import { ConnectionFields, type ConnectionValues } from './ConnectionFields';
import { connectionErrorOf } from './subaccountForm';

interface ResellerSectionProps {
  clientName: string;
  connections: readonly ClientPackageView[];
  packages: readonly PackageView[];
  values: ConnectionValues;
  fieldErrors: FieldErrors;
  onChange(change: Partial<ConnectionValues>): void;
}

/**
 * Guide: "the Reseller configuration section, here you can choose: Reseller client,
 * Reseller client Package, Next Billing date, and if you decide to charge the set up fees now".
 * A new sub account is made from its client's page, so the client is given here.
 */
export function ResellerSection({ clientName, connections, packages, values, fieldErrors, onChange }: ResellerSectionProps) {
  return (
    <Card title="Reseller configuration">
      <p className="reseller-client">
        <span className="muted">Reseller client</span> <strong>{clientName}</strong>
      </p>
      <ConnectionFields
        connections={connections}
        packages={packages}
        values={values}
        fieldErrors={fieldErrors}
        connectionError={fieldErrors.clientId ?? connectionErrorOf(fieldErrors, values.connection)}
        onChange={onChange}
      />
    </Card>
  );
}
