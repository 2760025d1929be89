import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../preload/contract';
import type { Result } from '../../preload/result';
import { dispatch, type HandlerTable } from '../handlers/index';
import type { EventBus } from '../events';

/** Decides whether an IPC call comes from our own page (CONVENTIONS.md: senderFrame checked on every call). */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/** Trusts only the app's own page: its file, or the dev server's origin when developing. */
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
    return url.origin === app.origin;
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
