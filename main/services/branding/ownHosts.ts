import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { AppEvents } from '../../../preload/events';
import type { EventBus } from '../../events';
import { readBranding } from './settings';

/**
 * Guide, "Host Name": the reseller's own address for the client portal (e.g.
 * interface.mydomain.com). The desktop app may open links to it in the browser like the
 * provider's sites (main/electron/externalLinks.ts); nothing else joins the allow-list.
 */
export async function brandingHostNames(db: Kysely<Database>): Promise<string[]> {
  const { settings } = await readBranding(db);
  return settings.hostName === '' ? [] : [settings.hostName];
}

export interface OwnHosts {
  /** The host names known now (the allow-list asks synchronously, when a link is opened). */
  hosts: () => readonly string[];
  /** Reads them again; resolves when done (tests, the start). */
  refresh: () => Promise<void>;
  stop: () => void;
}

/**
 * The host names kept current for a synchronous reader: read at the start, again after a
 * branding save, a switch to or from the demo and a restore (each is an event on the bus).
 * A failed read keeps the last list (a link to the portal may be refused, never a foreign one let through).
 */
export function watchOwnHosts(options: { read: () => Promise<readonly string[]>; events: EventBus; log?: (line: string) => void }): OwnHosts {
  let hosts: readonly string[] = [];
  let latest = 0;
  const refresh = async (): Promise<void> => {
    const asked = ++latest;
    try {
      const read = await options.read();
      // An older read that ends after a newer one must not put back what the newer replaced.
      if (asked === latest) hosts = read;
    } catch (error) {
      options.log?.(`The host names for links were not read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const stop = options.events.listen((name, payload) => {
    if (name === 'workspace.changed' || (name === 'data.changed' && (payload as AppEvents['data.changed']).domains.includes('branding'))) void refresh();
  });
  void refresh();
  return { hosts: () => hosts, refresh, stop };
}
