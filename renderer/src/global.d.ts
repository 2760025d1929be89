import type { Api } from '../../preload/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the headless host (see api.ts). */
    api?: Api;
  }
}

export {};
