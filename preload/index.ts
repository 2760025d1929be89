import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, splitChannel, type Api, type EventSubscription } from './contract';
import { eventNames, type AppEvents, type EventName } from './events';

/**
 * Exposes exactly the contract's channels: one function per channel, each bound to its
 * own name. There is no generic invoke(channel) a compromised page could aim elsewhere.
 */
function buildApi(): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of channelNames) {
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
      if (!eventNames.includes(name)) throw new Error(`There is no event "${String(name)}"`);
      const relay = (_event: IpcRendererEvent, payload: AppEvents[K]): void => listener(payload);
      ipcRenderer.on(name, relay);
      return () => {
        ipcRenderer.removeListener(name, relay);
      };
    },
  };
}

contextBridge.exposeInMainWorld('api', buildApi());
