import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { compilePackage, type CompiledPackage } from '../../engine';
import { rateE8, type RateE8 } from '../../money';
import { loadRatingPackage } from '../ratingPackage';

/** What a sub account named in a CDR leads to. */
export interface AccountBinding {
  subaccountId: number;
  clientId: number | null;
  clientPackageId: number | null;
  packageId: number | null;
}

export interface ClientPackageCycles {
  id: number;
  clientId: number;
  packageId: number;
  billingDay: number;
  cycleStartDate: string;
  nextBillingDate: string;
  /** Closed periods, [start, end), oldest first. */
  closed: { start: string; end: string }[];
}

export interface DidBinding {
  clientId: number;
  minuteRate: RateE8;
}

/**
 * Everything the import needs to rate calls, read once per import (a reseller has
 * thousands of accounts, not millions): sub accounts, client packages with their cycles,
 * compiled packages, DIDs.
 */
export class RatingWorld {
  private constructor(
    private readonly compiled: Map<number, CompiledPackage | null>,
    readonly accounts: Map<string, AccountBinding>,
    readonly clientPackages: Map<number, ClientPackageCycles>,
    readonly dids: Map<string, DidBinding>,
    readonly ownDids: ReadonlySet<string>,
  ) {}

  static async load(db: Kysely<Database>): Promise<RatingWorld> {
    const subaccounts = await db
      .selectFrom('subaccounts')
      .leftJoin('client_packages', 'client_packages.id', 'subaccounts.client_package_id')
      .select(['subaccounts.id', 'subaccounts.username', 'subaccounts.client_id', 'subaccounts.client_package_id', 'client_packages.package_id'])
      .where('subaccounts.deleted_at', 'is', null)
      .execute();
    const accounts = new Map<string, AccountBinding>();
    for (const row of subaccounts) {
      accounts.set(row.username.toLowerCase(), {
        subaccountId: row.id,
        clientId: row.client_id,
        clientPackageId: row.client_package_id,
        packageId: row.package_id,
      });
    }
    const connections = await db.selectFrom('client_packages').selectAll().execute();
    const periods = await db.selectFrom('billing_periods').select(['client_package_id', 'period_start', 'period_end']).orderBy('period_start').execute();
    const clientPackages = new Map<number, ClientPackageCycles>();
    for (const row of connections) {
      clientPackages.set(row.id, {
        id: row.id,
        clientId: row.client_id,
        packageId: row.package_id,
        billingDay: row.billing_day,
        cycleStartDate: row.cycle_start_date,
        nextBillingDate: row.next_billing_date,
        closed: [],
      });
    }
    for (const period of periods) clientPackages.get(period.client_package_id)?.closed.push({ start: period.period_start, end: period.period_end });
    const didRows = await db
      .selectFrom('dids')
      .leftJoin('did_assignments', (join) => join.onRef('did_assignments.did_id', '=', 'dids.id').on('did_assignments.unassigned_at', 'is', null))
      .select(['dids.number', 'did_assignments.client_id', 'did_assignments.minute_rate_e8'])
      // A number given back to the provider is no longer one of the reseller's own.
      .where('dids.removed_at', 'is', null)
      .execute();
    const dids = new Map<string, DidBinding>();
    for (const row of didRows) {
      if (row.client_id !== null && row.minute_rate_e8 !== null) dids.set(row.number, { clientId: row.client_id, minuteRate: rateE8(row.minute_rate_e8) });
    }
    // Packages are few: compile them all now, so rating a batch never waits on the database.
    const compiled = new Map<number, CompiledPackage | null>();
    for (const { id } of await db.selectFrom('packages').select('id').execute()) {
      try {
        compiled.set(id, compilePackage(await loadRatingPackage(db, id)));
      } catch {
        compiled.set(id, null);
      }
    }
    return new RatingWorld(compiled, accounts, clientPackages, dids, new Set(didRows.map((row) => row.number)));
  }

  /** `100000_alice` → alice's binding; a bare `alice` works too (the provider's files vary). */
  account(account: string): AccountBinding | undefined {
    const underscore = account.indexOf('_');
    const username = (underscore >= 0 ? account.slice(underscore + 1) : account).toLowerCase();
    return this.accounts.get(username);
  }

  package(packageId: number): CompiledPackage | null {
    return this.compiled.get(packageId) ?? null;
  }
}

/** Which billing cycle a call belongs to is the engine's rule (main/engine/billingCycle.ts). */
export { cycleStartFor } from '../../engine/billingCycle';
