import { invalidateDomains } from '../queries/channel';
import { queryClient } from '../queries/ServerEvents';
import { useCallList, useUnratedCalls } from './calls';

/** After an import, a re-rate or the demo data: every call view opened before reads again. */
export async function refreshCallViews(): Promise<void> {
  const reloads: Promise<void>[] = [invalidateDomains(queryClient, ['calls', 'ledger', 'clients', 'notices'])];
  for (const pager of [useCallList.getState(), useUnratedCalls.getState()]) {
    if (pager.status !== 'idle') reloads.push(pager.reload());
  }
  await Promise.all(reloads);
}
