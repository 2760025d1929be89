import type { PackageListItem } from '../../../../preload/schemas/packages';
import { useMemo } from 'react';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { Money, Percent, Rate } from '../../components/Money';
import { formatRate } from '../../../../preload/common/format';
import { hrefTo, navigate } from '../../lib/router';
import { EXAMPLE_COST_RATE, ROUTE_LABELS as ROUTE_NAMES } from '../../../../preload/common/catalog';
import { describePulse } from './pulse';

interface PackagesTableProps {
  packages: readonly PackageListItem[];
  onDelete(pkg: PackageListItem): void;
}

function NameCell({ pkg }: { pkg: PackageListItem }) {
  return (
    <>
      <a href={hrefTo(`/packages/${pkg.id}`)}>{pkg.name}</a>
      {pkg.archived ? <span className="badge package-badge">Archived</span> : null}
    </>
  );
}

/** Main prices the example with the engine (`packages.list`): the window only shows it. */
function markupExample(pkg: PackageListItem): string {
  return `A cost of $${EXAMPLE_COST_RATE}/min sells at ${formatRate(pkg.exampleSellRate)}/min`;
}

function RoutesCell({ pkg }: { pkg: PackageListItem }) {
  return (
    <>
      <abbr title="Canada route">CA</abbr> {ROUTE_NAMES[pkg.canadaRoute]}
      <span className="muted"> · </span>
      <abbr title="International route">Intl</abbr> {ROUTE_NAMES[pkg.internationalRoute]}
    </>
  );
}

function columnsFor(onDelete: (pkg: PackageListItem) => void): readonly DataColumn<PackageListItem>[] {
  return [
    { id: 'name', header: 'Name', rowHeader: true, sortValue: (pkg) => pkg.name, cell: (pkg) => <NameCell pkg={pkg} /> },
    {
      id: 'markup',
      header: 'Markup',
      className: 'table__nowrap',
      cellTitle: markupExample,
      cell: (pkg) => (
        <>
          <Rate value={pkg.markupFixed} kind="ownRate" perMinute /> + <Percent value={pkg.markupPercent} />
        </>
      ),
    },
    {
      id: 'pulse',
      header: 'Pulse',
      className: 'table__nowrap',
      sortValue: (pkg) => pkg.pulseSeconds,
      cellTitle: (pkg) => describePulse(pkg.pulseSeconds),
      cell: (pkg) => `${pkg.pulseSeconds} s`,
    },
    { id: 'routes', header: 'Routes', className: 'table__nowrap', cell: (pkg) => <RoutesCell pkg={pkg} /> },
    { id: 'monthlyFee', header: 'Monthly fee', numeric: true, sortValue: (pkg) => Number(pkg.monthlyFee), cell: (pkg) => <Money value={pkg.monthlyFee} /> },
    { id: 'freeMinutes', header: 'Free min', numeric: true, sortValue: (pkg) => pkg.freeMinutes, cell: (pkg) => pkg.freeMinutes.toLocaleString('en-US') },
    {
      id: 'customRates',
      header: 'Custom rates',
      numeric: true,
      sortValue: (pkg) => pkg.customRateCount,
      cell: (pkg) => (
        <a href={hrefTo(`/packages/${pkg.id}/rates`)} aria-label={`${pkg.customRateCount} custom rates of ${pkg.name}`}>
          {pkg.customRateCount}
        </a>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      hideHeader: true,
      className: 'table__actions',
      cell: (pkg) => (
        <>
          <a className="button button--ghost button--small" href={hrefTo(`/packages/${pkg.id}`)} aria-label={`${pkg.archived ? 'View' : 'Edit'} ${pkg.name}`} title={pkg.archived ? 'View' : 'Edit'}>
            <Icon name="edit" size={16} />
          </a>
          {pkg.archived ? null : (
            <button type="button" className="button button--ghost-danger button--small" aria-label={`Delete ${pkg.name}`} title="Delete" onClick={() => onDelete(pkg)}>
              <Icon name="trash" size={16} />
            </button>
          )}
        </>
      ),
    },
  ];
}

/** Packages in main's order (by name) until a header is clicked; Enter on a row opens its editor. */
export function PackagesTable({ packages, onDelete }: PackagesTableProps) {
  const columns = useMemo(() => columnsFor(onDelete), [onDelete]);
  return (
    <DataTable
      columns={columns}
      rows={packages}
      rowKey={(pkg) => String(pkg.id)}
      caption="Packages"
      className="packages-table"
      rowAttributes={(pkg) => ({ className: pkg.archived ? 'packages-table__archived' : undefined })}
      onRowActivate={(pkg) => navigate(`/packages/${pkg.id}`)}
    />
  );
}
