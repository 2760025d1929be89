import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { usePackages, type PackageCreateInput } from '../../stores/packages';
import { usePricing } from '../../stores/pricing';
import { useCustomRates } from '../../stores/pricingRates';
import { showToast } from '../../stores/toasts';
import { ExportPriceListButton } from './ExportPriceListButton';
import { PackageEditor } from './PackageEditor';
import { isPackageTab } from './packageFields';

const backLink = (
  <a className="back-link" href={hrefTo('/packages')}>
    <Icon name="arrowLeft" size={14} />
    Packages
  </a>
);

/** "New package" without an id, "Edit …" with one; `tab` opens a tab directly ("rates"). */
export function PackageEditorPage({ packageId, tab }: { packageId?: number; tab?: string }) {
  const { editing, editingStatus, error, open, create, update, clearErrors } = usePackages();
  const initialTab = tab !== undefined && isPackageTab(tab) ? tab : undefined;

  useEffect(() => {
    // Each visit starts clean: no errors, unsaved rates or previews from another package.
    clearErrors();
    useCustomRates.getState().reset();
    usePricing.getState().clearPreview();
    if (packageId !== undefined) void open(packageId);
  }, [packageId, open, clearErrors]);

  if (packageId === undefined) {
    const handleCreate = async (input: PackageCreateInput) => {
      const created = await create(input);
      if (!created) return null;
      showToast({
        tone: 'success',
        title: 'Package created',
        description: `“${created.name}” is ready to connect to clients. Open it to add custom rates.`,
      });
      navigate('/packages');
      return created;
    };
    return (
      <>
        <PageHeader title="New package" back={backLink} description="Set the markup, pulse, fees, free minutes and portal options of a package." />
        <PackageEditor saved={null} initialTab={initialTab} onSubmit={handleCreate} />
      </>
    );
  }

  const loaded = editing?.id === packageId ? editing : null;
  if (!loaded) {
    return (
      <>
        <PageHeader title="Edit package" back={backLink} />
        {editingStatus === 'error' && error ? (
          <ErrorBanner error={error} title={error.code === 'not_found' ? 'Package not found' : 'Could not load the package'} />
        ) : (
          <Loading label="Loading the package…" />
        )}
      </>
    );
  }

  const handleUpdate = async (input: PackageCreateInput) => {
    const saved = await update({ ...input, id: packageId });
    if (saved) showToast({ tone: 'success', title: 'Package saved', description: `Changes to “${saved.name}” are saved.` });
    return saved;
  };
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
      <PackageEditor key={loaded.id} saved={loaded} initialTab={initialTab} onSubmit={handleUpdate} />
    </>
  );
}
