import type { PackageView } from '../../../../preload/schemas/packages';
import { Icon } from '../../components/Icon';
import { Money, Percent, Rate } from '../../components/Money';
import { formatRate } from '../../../../preload/common/format';
import { hrefTo } from '../../lib/router';
import { EXAMPLE_COST_RATE, exampleSellRate } from '../../lib/sellRate';
import { ROUTE_LABELS as ROUTE_NAMES } from '../../../../preload/common/catalog';
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
            <th scope="col">Markup</th>
            <th scope="col">Pulse</th>
            <th scope="col">Routes</th>
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
                <td className="table__nowrap" title={example === null ? undefined : `A cost of $0.01/min sells at ${formatRate(example)}/min`}>
                  <Rate value={pkg.markupFixed} perMinute /> + <Percent value={pkg.markupPercent} />
                </td>
                <td className="table__nowrap" title={describePulse(pkg.pulseSeconds)}>
                  {pkg.pulseSeconds} s
                </td>
                <td className="table__nowrap">
                  <abbr title="Canada route">CA</abbr> {ROUTE_NAMES[pkg.canadaRoute]}
                  <span className="muted"> · </span>
                  <abbr title="International route">Intl</abbr> {ROUTE_NAMES[pkg.internationalRoute]}
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
                  <a
                    className="button button--ghost button--small"
                    href={hrefTo(`/packages/${pkg.id}`)}
                    aria-label={`${pkg.archived ? 'View' : 'Edit'} ${pkg.name}`}
                    title={pkg.archived ? 'View' : 'Edit'}
                  >
                    <Icon name="edit" size={16} />
                  </a>
                  {pkg.archived ? null : (
                    <button
                      type="button"
                      className="button button--ghost-danger button--small"
                      aria-label={`Delete ${pkg.name}`}
                      title="Delete"
                      onClick={() => onDelete(pkg)}
                    >
                      <Icon name="trash" size={16} />
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
