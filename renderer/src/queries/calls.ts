import { combinedStatus, readView, useChannel } from './channel';

/** How many calls there are and how many wait to be rated: the dashboard's and the sub navigation's counts. */
export function useCallsSummary() {
  const all = readView(useChannel('calls.list', { status: 'all', limit: 1 }));
  const unrated = readView(useChannel('calls.list', { status: 'unrated', limit: 1 }));
  const status = combinedStatus(all, unrated);
  return {
    total: all.data?.total ?? 0,
    unrated: unrated.data?.total ?? 0,
    status,
    error: all.error ?? unrated.error,
    load: async () => {
      await Promise.all([all.reload(), unrated.reload()]);
    },
  };
}
