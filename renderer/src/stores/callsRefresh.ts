import { useCallList, useUnratedCalls } from './calls';
import { useCallsSummary } from './callsSummary';

/** After an import, a re-rate or the demo data: every call view opened before reads again. */
export async function refreshCallViews(): Promise<void> {
  const reloads: Promise<void>[] = [];
  for (const pager of [useCallList.getState(), useUnratedCalls.getState()]) {
    if (pager.status !== 'idle') reloads.push(pager.reload());
  }
  const summary = useCallsSummary.getState();
  if (summary.status !== 'idle') reloads.push(summary.load());
  await Promise.all(reloads);
}
