import type { PullResult } from '../../../preload/schemas/sync';
import { readView, useChannel, useChannelAction } from './channel';

const pulledSummary = (result: PullResult) => {
  const balances = result.balances;
  const failed = result.failures.length > 0 ? ` ${result.failures.length} request(s) failed: ${result.failures[0]!.message}` : '';
  return {
    title: 'Balances compared',
    description: balances ? `${balances.checked} compared, ${balances.differing} differ.${failed}` : failed.trim(),
  };
};

/** Balances here against the provider's, as last compared; "Check again" asks the provider now. */
export function useReconciliation() {
  const view = readView(useChannel('sync.reconciliation'));
  const reconcile = useChannelAction('sync.reconcile');
  return {
    ...view,
    checkAgain: () => reconcile.run({}, pulledSummary),
    checking: reconcile.pending,
  };
}

/** A package against the provider's package it is linked to (packages cannot be written through the API). */
export function usePackageLink(packageId: number) {
  const view = readView(useChannel('sync.packageLink', { id: packageId }));
  const link = useChannelAction('sync.linkPackage');
  return {
    ...view,
    link: (providerId: string | null, name: string | null) =>
      link.run({ packageId, providerId }, () =>
        providerId === null ? { title: 'Package unlinked', description: 'It is no longer compared with a package of the provider.' } : { title: 'Package linked', description: `Compared with the provider's "${name ?? providerId}".` },
      ),
    linking: link.pending,
  };
}

/** The last pull (what it brought, what the provider refused) and how far each linked client's calls were pulled. */
export function usePullStatus() {
  return readView(useChannel('sync.pullStatus'));
}
