import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../preload/contract';
import type { Result } from '../../preload/result';
import { dispatch, type HandlerTable } from '../handlers/index';
import type { EventBus } from '../events';
import { APP_SCHEME } from './appProtocol';

/** Decides whether an IPC call comes from our own page (CONVENTIONS.md: senderFrame checked on every call). */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/** Trusts only the app's own page: app://renderer (a file:// page, once), or the dev server's origin when developing. */
export function trustedSender(appPageUrl: string): SenderCheck {
  const app = new URL(appPageUrl);
  return (frameUrl) => {
    if (!frameUrl) return false;
    let url: URL;
    try {
      url = new URL(frameUrl);
    } catch {
      return false;
    }
    if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname;
    // app://renderer (issue 14): a scheme Node's URL does not know has the origin "null", as any other such URL would: compare scheme and host.
    if (app.protocol === `${APP_SCHEME}:`) return url.protocol === app.protocol && url.host === app.host;
    return url.origin !== 'null' && url.origin === app.origin;
  };
}

const refused: Result<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This window is not allowed to call the app' },
};

/**
 * Registers every contract channel on ipcMain; each validates its input through dispatch,
 * which announces a mutation's changes on `events` (forwarded to the window).
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, table: HandlerTable, isTrusted: SenderCheck, events?: EventBus): void {
  for (const name of channelNames) {
    ipcMain.handle(name, (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrusted(event.senderFrame?.url)) return refused;
      return dispatch(table, name, input, events);
    });
  }
}
