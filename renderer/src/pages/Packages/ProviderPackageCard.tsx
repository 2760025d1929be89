import { useId } from 'react';
import type { PackageProviderView } from '../../../../preload/schemas/sync';
import { Card } from '../../components/Card';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { usePackageLink } from '../../queries/syncPull';

const NOT_LINKED = 'none';

function DifferencesBanner({ view }: { view: PackageProviderView }) {
  return (
    <div className="banner banner--warning provider-package__differs" role="region" aria-label="Differs from provider">
      <Icon name="alert" />
      <div className="banner__body">
        <p className="banner__title">Differs from provider</p>
        <p className="banner__message">
          The provider's package “{view.link?.name}” bills otherwise. Packages cannot be changed through the provider's API: fix these in its portal, or here.
        </p>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Here</th>
                <th scope="col">At the provider</th>
              </tr>
            </thead>
            <tbody>
              {view.differences.map((difference) => (
                <tr key={difference.field}>
                  <th scope="row">
                    {difference.label} <code>{difference.field}</code>
                  </th>
                  <td>{difference.here}</td>
                  <td>{difference.atProvider}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

/**
 * Issue 12: which of the provider's packages this one is (packages cannot be written through
 * the API), and the fields where they differ. Shown once a pull has read the provider's packages.
 */
export function ProviderPackageCard({ packageId }: { packageId: number }) {
  const id = useId();
  const { data: view, link, linking } = usePackageLink(packageId);
  if (!view || (view.choices.length === 0 && view.link === null && view.missingAtProvider === null)) return null;
  const choices = [
    { value: NOT_LINKED, label: 'Not linked' },
    ...view.choices
      .filter((choice) => choice.linkedPackageId === null || choice.linkedPackageId === packageId)
      .map((choice) => ({ value: choice.providerId, label: `${choice.name} (${choice.providerId})` })),
  ];
  const onChange = (value: string) => {
    const providerId = value === NOT_LINKED ? null : value;
    void link(providerId, view.choices.find((choice) => choice.providerId === providerId)?.name ?? null);
  };
  return (
    <Card title="Provider package" className="provider-package">
      <Field id={id} label="Linked to the provider's package" hint="The package of your provider account this one stands for; calls there are billed by its terms.">
        {(control) => <ChoiceSelect {...control} value={view.link?.providerId ?? NOT_LINKED} choices={choices} onChange={onChange} disabled={linking} />}
      </Field>
      {view.missingAtProvider !== null ? (
        <div className="banner banner--warning" role="region" aria-label="Missing at the provider">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">The provider no longer has package {view.missingAtProvider}</p>
            <p className="banner__message">Link this package to another of the provider's, or unlink it.</p>
          </div>
        </div>
      ) : null}
      {view.link && view.differences.length > 0 ? <DifferencesBanner view={view} /> : null}
      {view.link && view.differences.length === 0 ? (
        <p className="provider-package__same" role="status">
          Same terms as the provider's “{view.link.name}”.
        </p>
      ) : null}
    </Card>
  );
}
