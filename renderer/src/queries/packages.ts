import { keepPreviousData } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { PackageView } from '../../../preload/schemas/packages';
import type { FieldErrors } from '../lib/issues';
import { readView, useChannel, useChannelAction, useChannelMutation } from './channel';

export type PackageCreateInput = ChannelInput<'packages.create'>;

/** The reseller's packages in main's order (by name); archived ones too only when asked. */
export function usePackages(options: { includeArchived?: boolean } = {}) {
  const includeArchived = options.includeArchived ?? false;
  // Ticking "Show archived" keeps the list on screen while the other list is read.
  const view = readView(useChannel('packages.list', { includeArchived }, { placeholderData: keepPreviousData }));
  return { ...view, packages: view.data ?? [], load: view.reload };
}

/**
 * The package open in the editor (archived ones too). Never from an older copy: the form
 * takes its values once, when it opens, so only an answer read since this view opened counts.
 */
export function usePackage(id: number | undefined) {
  const query = useChannel('packages.get', { id: id ?? 0 }, { enabled: id !== undefined, refetchOnMount: 'always' });
  const view = readView(query);
  return { ...view, pkg: query.isFetchedAfterMount && view.data?.id === id ? view.data : null };
}

interface SaveFailure {
  error: ApiError;
  fieldErrors: FieldErrors;
}

/** Creates or updates a package; the last refusal stays for the form (its summary and fields). */
export function usePackageSave() {
  const create = useChannelAction('packages.create');
  const update = useChannelAction('packages.update');
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const clearErrors = useCallback(() => setFailure(null), []);

  async function save(input: PackageCreateInput, id?: number): Promise<PackageView | null> {
    setFailure(null);
    const outcome =
      id === undefined
        ? await create.run(input, (created) => ({
            title: 'Package created',
            description: `“${created.name}” is ready to connect to clients; add its custom rates on Edit rates.`,
          }))
        : await update.run({ ...input, id }, (saved) => ({ title: 'Package saved', description: `Changes to “${saved.name}” are saved.` }));
    if (!outcome.ok) {
      setFailure({ error: outcome.error, fieldErrors: outcome.fieldErrors });
      return null;
    }
    return outcome.value;
  }

  return {
    save,
    saving: create.pending || update.pending,
    error: failure?.error ?? null,
    fieldErrors: failure?.fieldErrors ?? {},
    clearErrors,
  };
}

/** Deletes, or archives when calls were rated with it; main's refusal as an outcome. */
export function usePackageRemoval() {
  const removal = useChannelAction('packages.delete');
  return { remove: (id: number) => removal.run({ id }), removing: removal.pending };
}

/** A package's saved custom rates (guide: "Edit Rates"), and saving a new set of them. */
export function useCustomRates(packageId: number) {
  // The table's draft starts from these once: only an answer read since the tab opened counts.
  const query = useChannel('packages.rates', { id: packageId }, { refetchOnMount: 'always' });
  const view = readView(query);
  const save = useChannelMutation('packages.saveRates');
  return {
    ...view,
    rates: query.isFetchedAfterMount ? view.data : undefined,
    saveRates: (rates: ChannelInput<'packages.saveRates'>['rates']) => save.mutateAsync({ packageId, rates }),
    saving: save.isPending,
  };
}
