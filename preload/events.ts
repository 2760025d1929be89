import type { ExportProgress, ImportJobView } from './schemas/calls';
import type { DemoProgress } from './schemas/demo';
import type { Workspace } from './schemas/app';
import type { InvoiceExportProgress } from './schemas/invoices';
import { dataDomains, EVENT_NAMES, type DataDomain } from './common/events';

export { dataDomains, type DataDomain };

/**
 * Every event main sends to the window, declared once beside the channels (DESIGN.md:
 * "every event main sends to the window"). Electron delivers them with
 * `webContents.send`, the headless host with Server-Sent Events behind the same token.
 */

export interface AppEvents {
  /** An import job moved on (rows read, rated, rejected, status). */
  'import.progress': ImportJobView;
  /** Data of these domains changed in main (a mutation, an import, a billing run). */
  'data.changed': { domains: DataDomain[] };
  /** The demo load moved on (a stage started, ended, or advanced). */
  'demo.progress': DemoProgress;
  /** The app opened another database (the demo, or the reseller's own): every window forgets what it read. */
  'workspace.changed': { workspace: Workspace };
  /** An export of a month's invoices moved on (one more PDF written). */
  'invoices.exportProgress': InvoiceExportProgress;
  /** A file export (the Global CDR's CSV) moved on: rows written of the total, then done with where the file is. */
  'export.progress': ExportProgress;
  /** The desktop app's menu asks the window to show a section (a path of the hash router, e.g. "/clients"). */
  'app.navigate': { path: string };
}

export type EventName = keyof AppEvents;

// The common list names every event declared here and no other: a new event fails typecheck until it is listed.
type ListedName = (typeof EVENT_NAMES)[number];
const _listedExactly: [EventName, ListedName] extends [ListedName, EventName] ? true : never = true;
export const eventNames: readonly EventName[] = EVENT_NAMES;
