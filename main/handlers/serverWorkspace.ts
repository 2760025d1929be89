import type { Store } from '../../db/open';
import { AppError } from '../errors';
import { createHandlerTable } from './index';
import type { HandlerTable } from './table';
import { createWorkspace, type WorkspaceHost, type WorkspaceOptions } from './workspace';

/**
 * What both hosts serve (issue 16): the reseller's file through the workspace (its demo beside
 * it), or a team server's database on its own. The workspace switches and restores files;
 * on a server there is no file to switch, so the demo is refused with why.
 */
export function workspaceFor(options: Omit<WorkspaceOptions, 'real'> & { real: Store }): WorkspaceHost {
  const { real, ...rest } = options;
  if (real.dialect === 'sqlite') return createWorkspace({ ...rest, real });
  const store = real;
  const table: HandlerTable = {
    ...createHandlerTable({
      store,
      host: options.host,
      events: options.events,
      ...(options.now ? { now: options.now } : {}),
      ...(options.exports ? { exports: options.exports } : {}),
      ...(options.provider ? { provider: options.provider } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.files ? { files: options.files } : {}),
    }),
    'workspace.open': () =>
      Promise.reject(new AppError('conflict', 'The demo opens beside a database file on this computer: this app is on a team server (Settings → Database)')),
  };
  return {
    table,
    current: () => ({ workspace: 'real', path: store.location }),
    withStore: (work) => work(store),
    close: () => store.close(),
  };
}
