import { useEffect, useState } from 'react';
import type { PackageView } from '../../../../preload/schemas/packages';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { usePackages } from '../../stores/packages';
import { showToast } from '../../stores/toasts';
import { PackagesTable } from './PackagesTable';

const newPackageLink = (
  <a className="button button--primary" href={hrefTo('/packages/new')}>
    <Icon name="plus" size={16} />
    New package
  </a>
);

export function PackagesPage() {
  const { packages, status, saving, error, load, remove } = usePackages();
  const [toDelete, setToDelete] = useState<PackageView | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const confirmDelete = async (): Promise<void> => {
    if (!toDelete) return;
    const removal = await remove(toDelete.id);
    setToDelete(null);
    if (!removal) {
      showToast({ tone: 'error', title: 'The package was not deleted', description: usePackages.getState().error?.message });
    } else if (removal.archived) {
      showToast({
        tone: 'success',
        title: 'Package archived',
        description: `Calls were already rated with “${toDelete.name}”, so it was archived to keep their prices.`,
      });
    } else {
      showToast({ tone: 'success', title: 'Package deleted', description: `“${toDelete.name}” was deleted.` });
    }
  };

  return (
    <>
      <PageHeader
        title="Packages"
        description="Each package sets the outbound markup and billing pulse for the clients connected to it."
        actions={newPackageLink}
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
      {status === 'ready' && packages.length === 0 ? (
        <Card>
          <EmptyState icon="packages" title="No packages yet" action={newPackageLink}>
            <p>Create a package to set the markup and pulse your clients are billed with.</p>
          </EmptyState>
        </Card>
      ) : null}
      {status === 'ready' && packages.length > 0 ? (
        <Card title="All packages" aside={<span className="muted">{packages.length} in total</span>}>
          <PackagesTable packages={packages} onDelete={setToDelete} />
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
        busy={saving}
        onConfirm={() => void confirmDelete()}
      />
    </>
  );
}
