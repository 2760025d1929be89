import { useIsMutating, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AppInfo, Workspace } from '../../../preload/schemas/app';
import { currentPath, navigate } from '../lib/router';
import { showToast } from '../stores/toasts';
import { useAppInfo } from './app';
import { callChannel, channelKey, toApiError, type ChannelError } from './channel';

const SWITCH_KEY = ['workspace.open'];

/**
 * Another database is open (the demo, or the reseller's own again): nothing read from the
 * other may stay on screen. Every cached read is dropped and the ones on screen read afresh;
 * the window goes to the Dashboard, since an open client or package belongs to the other file.
 */
export function forgetServerState(client: QueryClient): void {
  if (currentPath() !== '/') navigate('/');
  void client.resetQueries();
}

/** Which database is open, and "Try the demo" / "Back to my data" / "Start the demo again" (issue 10). */
export function useWorkspace() {
  const { info } = useAppInfo();
  const client = useQueryClient();
  const switching = useIsMutating({ mutationKey: SWITCH_KEY }) > 0;
  const mutation = useMutation<AppInfo, ChannelError, { to: Workspace; startOver?: boolean }>({
    mutationKey: SWITCH_KEY,
    mutationFn: (input) => callChannel('workspace.open', input),
    onSuccess: (opened) => {
      forgetServerState(client);
      // The banner shows at once, not after the reads queued behind the reset.
      client.setQueryData(channelKey('app.info'), opened);
    },
  });

  async function open(to: Workspace, startOver = false): Promise<AppInfo | null> {
    if (switching) return null;
    try {
      const opened = await mutation.mutateAsync({ to, startOver });
      showToast(
        to === 'demo'
          ? { tone: 'success', title: startOver ? 'A fresh demo is open' : 'The demo is open', description: `Nothing you do here touches your own data. The demo lives in ${opened.databasePath}.` }
          : { tone: 'success', title: 'Your own data is open again', description: opened.databasePath },
      );
      return opened;
    } catch {
      return null;
    }
  }

  return {
    workspace: info?.workspace ?? null,
    demoExists: info?.demoExists ?? false,
    demoDatabasePath: info?.demoDatabasePath ?? null,
    switching,
    /** The last switch's refusal in this component (an import running…), as main said it. */
    refusal: mutation.error ? toApiError(mutation.error) : null,
    target: mutation.isPending ? (mutation.variables?.to ?? null) : null,
    open,
  };
}
