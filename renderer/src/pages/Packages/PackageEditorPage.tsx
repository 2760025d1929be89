import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo, navigate } from '../../lib/router';
import { usePackages, type PackageCreateInput } from '../../stores/packages';
import { showToast } from '../../stores/toasts';
import { EMPTY_PACKAGE_FORM, formValuesOf } from './packageForm';
import { PackageForm } from './PackageForm';

const backLink = (
  <a className="back-link" href={hrefTo('/packages')}>
    <Icon name="arrowLeft" size={14} />
    Packages
  </a>
);

/** "New package" without an id, "Edit package" with one. */
export function PackageEditorPage({ packageId }: { packageId?: number }) {
  const { packages, status, saving, error, fieldErrors, load, create, update, clearErrors } = usePackages();

  useEffect(() => {
    clearErrors();
    if (packageId !== undefined) void load();
  }, [packageId, load, clearErrors]);

  if (packageId === undefined) {
    const handleCreate = async (input: PackageCreateInput): Promise<void> => {
      const created = await create(input);
      if (!created) return;
      showToast({ tone: 'success', title: 'Package created', description: `“${created.name}” is ready to connect to clients.` });
      navigate('/packages');
    };
    return (
      <>
        <PageHeader title="New package" back={backLink} description="Set the markup and pulse your clients’ calls are rated with." />
        <PackageForm
          initialValues={EMPTY_PACKAGE_FORM}
          submitLabel="Create package"
          saving={saving}
          error={error}
          fieldErrors={fieldErrors}
          onSubmit={(input) => void handleCreate(input)}
        />
      </>
    );
  }

  const existing = packages.find((item) => item.id === packageId);
  if (!existing) {
    return (
      <>
        <PageHeader title="Edit package" back={backLink} />
        {status === 'ready' ? (
          <ErrorBanner error={{ code: 'not_found', message: `Package ${packageId} was not found. It may have been deleted.` }} title="Package not found" />
        ) : null}
        {status === 'error' && error ? <ErrorBanner error={error} title="Could not load the package" /> : null}
        {status === 'idle' || status === 'loading' ? <Loading label="Loading the package…" /> : null}
      </>
    );
  }

  const handleUpdate = async (input: PackageCreateInput): Promise<void> => {
    const saved = await update({ ...input, id: packageId });
    if (!saved) return;
    showToast({ tone: 'success', title: 'Package saved', description: `Changes to “${saved.name}” are saved.` });
    navigate('/packages');
  };
  return (
    <>
      <PageHeader title={`Edit ${existing.name}`} back={backLink} description="Change the markup and pulse of this package." />
      <PackageForm
        key={existing.id}
        initialValues={formValuesOf(existing)}
        submitLabel="Save changes"
        saving={saving}
        error={error}
        fieldErrors={fieldErrors}
        onSubmit={(input) => void handleUpdate(input)}
      />
    </>
  );
}
