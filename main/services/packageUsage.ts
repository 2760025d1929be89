import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { clientName } from './clients';

export interface PackageUsage {
  /** Names of the clients the package is connected to. */
  connectedClients: string[];
  /** Calls rated with this package (they keep pointing at it). */
  ratedCalls: number;
  /** Clients it was ever connected to: their ledger refers to it, so it is archived, not deleted. */
  everConnected: number;
}

/** What holds on to a package; the delete guard asks here, in one place. */
export async function packageUsage(db: Kysely<Database>, packageId: number): Promise<PackageUsage> {
  const connected = await db
    .selectFrom('client_packages')
    .innerJoin('clients', 'clients.id', 'client_packages.client_id')
    .select(['clients.first_name', 'clients.last_name', 'clients.company', 'client_packages.disconnected_at'])
    .where('client_packages.package_id', '=', packageId)
    .execute();
  const names = new Set(connected.filter((row) => row.disconnected_at === null).map(clientName));
  return { connectedClients: [...names].sort(), ratedCalls: 0, everConnected: connected.length };
}
