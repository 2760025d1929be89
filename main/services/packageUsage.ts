import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface PackageUsage {
  /** Names of the clients the package is connected to. */
  connectedClients: string[];
  /** Calls rated with this package (they keep pointing at it). */
  ratedCalls: number;
}

/**
 * What holds on to a package. Clients and calls arrive with their own tables; each adds
 * its check here so the delete guard stays in one place.
 */
export async function packageUsage(_db: Kysely<Database>, _packageId: number): Promise<PackageUsage> {
  return { connectedClients: [], ratedCalls: 0 };
}
