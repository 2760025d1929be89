import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { usePackage, usePackageSave, type PackageCreateInput } from '../../queries/packages';
import { useRateDrafts } from '../../stores/rateDrafts';
import { ExportPriceListButton } from './ExportPriceListButton';
import { PackageEditor } from './PackageEditor';
import { ProviderPackageCard } from './ProviderPackageCard';
import { isPackageTab } from './packageFields';

const backLink = (
  <a className="back-link" href={hrefTo('/packages')}>
    <Icon name="arrowLeft" size={14} />
    Packages
  </a>
);

/** "New package" without an id, "Edit …" with one; `tab` opens a tab directly ("rates"). */
export function PackageEditorPage({ packageId, tab }: { packageId?: number; tab?: string }) {
  const { pkg: loaded, status, error } = usePackage(packageId);
  const packageSave = usePackageSave();
  const { clearErrors } = packageSave;
  const initialTab = tab !== undefined && isPackageTab(tab) ? tab : undefined;

  useEffect(() => {
    // Each visit starts clean: no errors or unsaved rates from another package.
    clearErrors();
    useRateDrafts.getState().reset();
  }, [packageId, clearErrors]);

  if (packageId === undefined) {
    const handleCreate = async (input: PackageCreateInput) => {
      const created = await packageSave.save(input);
      if (!created) return null;
      navigate(`/packages/${created.id}`, { withToasts: true });
      return created;
    };
    return (
      <>
        <PageHeader title="New package" back={backLink} description="Set the markup, pulse, fees, free minutes and portal options of a package." />
        <PackageEditor saved={null} initialTab={initialTab} saveState={packageSave} onSubmit={handleCreate} />
      </>
    );
  }

  if (!loaded) {
    return (
      <>
        <PageHeader title="Edit package" back={backLink} />
        {status === 'error' && error ? (
          <ErrorBanner error={error} title={error.code === 'not_found' ? 'Package not found' : 'Could not load the package'} />
        ) : (
          <Loading label="Loading the package…" />
        )}
      </>
    );
  }

  const handleUpdate = (input: PackageCreateInput) => packageSave.save(input, packageId);
  return (
    <>
      <PageHeader
        title={loaded.archived ? `${loaded.name} (archived)` : `Edit ${loaded.name}`}
        back={backLink}
        description={
          loaded.archived
            ? 'Archived: kept so that calls already rated keep their prices. It can no longer be edited or connected.'
            : 'Prices, fees, free minutes and portal options of this package, and its custom rates.'
        }
        actions={<ExportPriceListButton packageId={loaded.id} />}
      />
      <ProviderPackageCard packageId={loaded.id} />
      <PackageEditor key={loaded.id} saved={loaded} initialTab={initialTab} saveState={packageSave} onSubmit={handleUpdate} />
    </>
  );
}
