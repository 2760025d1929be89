import type { PackageView } from '../../../../preload/schemas/packages';
import { Icon } from '../../components/Icon';
import { Percent, Rate } from '../../components/Money';
import { formatDate, formatDateTime } from '../../lib/format';
import { hrefTo } from '../../lib/router';
import { EXAMPLE_COST_RATE, exampleSellRate } from '../../lib/sellRate';
import { describePulse } from './pulse';

interface PackagesTableProps {
  packages: readonly PackageView[];
  onDelete(pkg: PackageView): void;
}

export function PackagesTable({ packages, onDelete }: PackagesTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
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
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {packages.map((pkg) => {
            const example = exampleSellRate(EXAMPLE_COST_RATE, pkg.markupFixed, pkg.markupPercent);
            return (
              <tr key={pkg.id}>
                <th scope="row" className="table__name">
                  <a href={hrefTo(`/packages/${pkg.id}`)}>{pkg.name}</a>
                </th>
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
                <td className="table__nowrap">
                  <time dateTime={pkg.updatedAt} title={formatDateTime(pkg.updatedAt)}>
                    {formatDate(pkg.updatedAt)}
                  </time>
                </td>
                <td className="table__actions">
                  <a className="button button--ghost button--small" href={hrefTo(`/packages/${pkg.id}`)} aria-label={`Edit ${pkg.name}`}>
                    <Icon name="edit" size={15} />
                    Edit
                  </a>
                  <button
                    type="button"
                    className="button button--ghost-danger button--small"
                    aria-label={`Delete ${pkg.name}`}
                    onClick={() => onDelete(pkg)}
                  >
                    <Icon name="trash" size={15} />
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
