import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, splitChannel, type Api } from './contract';

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
  return api as unknown as Api;
}

contextBridge.exposeInMainWorld('api', buildApi());
