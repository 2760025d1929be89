import { useState } from 'react';
import type { PackageListItem } from '../../../../preload/schemas/packages';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { usePackageRemoval, usePackages } from '../../queries/packages';
import { showToast } from '../../stores/toasts';
import { PackagesTable } from './PackagesTable';

const newPackageLink = (
  <a className="button button--primary" href={hrefTo('/packages/new')}>
    <Icon name="plus" size={16} />
    New package
  </a>
);

const headerActions = (
  <>
    <a className="button button--secondary" href={hrefTo('/packages/costs')}>
      Cost deck
    </a>
    {newPackageLink}
  </>
);

function countText(packages: readonly PackageListItem[]): string {
  const archived = packages.filter((pkg) => pkg.archived).length;
  return archived > 0 ? `${packages.length} in total, ${archived} archived` : `${packages.length} in total`;
}

export function PackagesPage() {
  const [toDelete, setToDelete] = useState<PackageListItem | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const { packages, status, error, load } = usePackages({ includeArchived: showArchived });
  const { remove, removing } = usePackageRemoval();
  const includeArchived = showArchived;

  const archivedToggle = (
    <label className="inline-check" htmlFor="show-archived">
      <input id="show-archived" type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
      Show archived
    </label>
  );

  const confirmDelete = async (): Promise<void> => {
    if (!toDelete) return;
    const removal = await remove(toDelete.id);
    setToDelete(null);
    if (!removal.ok) {
      showToast({ tone: 'error', title: 'The package was not deleted', description: removal.error.message });
    } else if (removal.value.archived) {
      showToast({
        tone: 'success',
        title: 'Package archived',
        description: `“${toDelete.name}” has history (rated calls or a past client), so it was archived to keep its prices. “Show archived” lists it.`,
      });
    } else {
      showToast({ tone: 'success', title: 'Package deleted', description: `“${toDelete.name}” was deleted.` });
    }
  };

  return (
    <>
      <PageHeader
        title="Packages"
        description="Each package sets the prices, fees and free minutes of the clients connected to it."
        actions={headerActions}
      />
      {status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not load packages"
          action={
            <button type="button" className="button button--secondary" onClick={() => void load()}>
              Try again
            </button>
          }
        />
      ) : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Loading packages…" /> : null}
      {status === 'ready' && packages.length === 0 && !includeArchived ? (
        <Card>
          <EmptyState icon="packages" title="No packages yet" action={newPackageLink}>
            <p>Create a package to set the markup, pulse and fees your clients are billed with.</p>
          </EmptyState>
          <p className="packages-list__footnote">{archivedToggle}</p>
        </Card>
      ) : null}
      {status === 'ready' && (packages.length > 0 || includeArchived) ? (
        <Card
          title="All packages"
          aside={
            <div className="packages-list__aside">
              {archivedToggle}
              <span className="muted">{countText(packages)}</span>
            </div>
          }
        >
          {packages.length > 0 ? <PackagesTable packages={packages} onDelete={setToDelete} /> : <p className="muted">No packages, archived or not.</p>}
        </Card>
      ) : null}
      <ConfirmDialog
        open={toDelete !== null}
        onOpenChange={(open) => {
          if (!open) setToDelete(null);
        }}
        title={`Delete “${toDelete?.name ?? ''}”?`}
        description="The package and its settings are removed. If calls were already rated with it, it is archived instead so those calls keep their prices. A package connected to a client cannot be deleted."
        confirmLabel="Delete package"
        destructive
        busy={removing}
        onConfirm={() => void confirmDelete()}
      />
    </>
  );
}
