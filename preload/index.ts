import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, splitChannel } from './channels';
import { EVENT_NAMES } from './common/events';
import type { Api, EventSubscription } from './contract';
import type { AppEvents, EventName } from './events';

/**
 * Imports only name lists (channels.ts, common/events.ts) and types: no schema reaches this
 * bundle, main validates every input (issue 14).
 *
 * Exposes exactly the contract's channels: one function per channel, each bound to its
 * own name. There is no generic invoke(channel) a compromised page could aim elsewhere.
 */
function buildApi(): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of CHANNEL_NAMES) {
    const [domain, verb] = splitChannel(name);
    api[domain] ??= {};
    api[domain][verb] = (input?: unknown) => ipcRenderer.invoke(name, input);
  }
  return { ...(api as unknown as Omit<Api, 'events'>), events: buildEvents() } as Api;
}

/** Listens only to the events declared in preload/events.ts; the page never sees the IPC event object. */
function buildEvents(): EventSubscription {
  return {
    on<K extends EventName>(name: K, listener: (payload: AppEvents[K]) => void): () => void {
      if (!(EVENT_NAMES as readonly string[]).includes(name)) throw new Error(`There is no event "${String(name)}"`);
      const relay = (_event: IpcRendererEvent, payload: AppEvents[K]): void => listener(payload);
      ipcRenderer.on(name, relay);
      return () => {
        ipcRenderer.removeListener(name, relay);
      };
    },
  };
}

contextBridge.exposeInMainWorld('api', buildApi());
