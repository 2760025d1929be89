import type { ImportJobView } from './schemas/calls';
import type { DemoProgress } from './schemas/demo';

/**
 * Every event main sends to the window, declared once beside the channels (DESIGN.md:
 * "every event main sends to the window"). Electron delivers them with
 * `webContents.send`, the headless host with Server-Sent Events behind the same token.
 */

/** What a change touched, so the window refreshes only those queries. */
export const dataDomains = ['packages', 'pricing', 'costs', 'clients', 'ledger', 'dids', 'subaccounts', 'billing', 'notices', 'calls'] as const;
export type DataDomain = (typeof dataDomains)[number];

export interface AppEvents {
  /** An import job moved on (rows read, rated, rejected, status). */
  'import.progress': ImportJobView;
  /** Data of these domains changed in main (a mutation, an import, a billing run). */
  'data.changed': { domains: DataDomain[] };
  /** The demo load moved on (a stage started, ended, or advanced). */
  'demo.progress': DemoProgress;
}

export type EventName = keyof AppEvents;
export const eventNames: EventName[] = ['import.progress', 'data.changed', 'demo.progress'];
