import type { PackageView } from '../../../../preload/schemas/packages';
import { Icon } from '../../components/Icon';
import { Money, Percent, Rate } from '../../components/Money';
import { hrefTo } from '../../lib/router';
import { EXAMPLE_COST_RATE, exampleSellRate } from '../../lib/sellRate';
import { ROUTE_NAMES } from './catalogChoices';
import { describePulse } from './pulse';

interface PackagesTableProps {
  packages: readonly PackageView[];
  onDelete(pkg: PackageView): void;
}

function NameCell({ pkg }: { pkg: PackageView }) {
  return (
    <th scope="row" className="table__name">
      <a href={hrefTo(`/packages/${pkg.id}`)}>{pkg.name}</a>
      {pkg.archived ? <span className="badge package-badge">Archived</span> : null}
    </th>
  );
}

export function PackagesTable({ packages, onDelete }: PackagesTableProps) {
  return (
    <div className="table-wrap">
      <table className="table packages-table">
        <caption className="visually-hidden">Packages, sorted by name</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Fixed markup
            </th>
            <th scope="col" className="num">
              Markup %
            </th>
            <th scope="col" className="num">
              1¢ cost sells at
            </th>
            <th scope="col">Pulse</th>
            <th scope="col">Route</th>
            <th scope="col" className="num">
              Monthly fee
            </th>
            <th scope="col" className="num">
              Free min
            </th>
            <th scope="col" className="num">
              Custom rates
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {packages.map((pkg) => {
            const example = exampleSellRate(EXAMPLE_COST_RATE, pkg.markupFixed, pkg.markupPercent);
            return (
              <tr key={pkg.id} className={pkg.archived ? 'packages-table__archived' : undefined}>
                <NameCell pkg={pkg} />
                <td className="num">
                  <Rate value={pkg.markupFixed} perMinute />
                </td>
                <td className="num">
                  <Percent value={pkg.markupPercent} />
                </td>
                <td className="num">{example === null ? '—' : <Rate value={example} perMinute />}</td>
                <td className="table__nowrap" title={describePulse(pkg.pulseSeconds)}>
                  {pkg.pulseSeconds} s
                </td>
                <td className="table__nowrap" title="Canada route / international route">
                  <span className="visually-hidden">Canada </span>
                  {ROUTE_NAMES[pkg.canadaRoute]}
                  <span className="muted"> / </span>
                  <span className="visually-hidden">International </span>
                  {ROUTE_NAMES[pkg.internationalRoute]}
                </td>
                <td className="num">
                  <Money value={pkg.monthlyFee} decimals={2} />
                </td>
                <td className="num">{pkg.freeMinutes.toLocaleString('en-US')}</td>
                <td className="num">
                  <a href={hrefTo(`/packages/${pkg.id}/rates`)} aria-label={`${pkg.customRateCount} custom rates of ${pkg.name}`}>
                    {pkg.customRateCount}
                  </a>
                </td>
                <td className="table__actions">
                  <a className="button button--ghost button--small" href={hrefTo(`/packages/${pkg.id}`)} aria-label={`${pkg.archived ? 'View' : 'Edit'} ${pkg.name}`}>
                    <Icon name="edit" size={15} />
                    {pkg.archived ? 'View' : 'Edit'}
                  </a>
                  {pkg.archived ? null : (
                    <button
                      type="button"
                      className="button button--ghost-danger button--small"
                      aria-label={`Delete ${pkg.name}`}
                      onClick={() => onDelete(pkg)}
                    >
                      <Icon name="trash" size={15} />
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
