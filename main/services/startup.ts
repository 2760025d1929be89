import type { Store } from '../../db/open';
import type { BillingRunResult } from '../../preload/schemas/clients';
import { runDueBilling } from './billing';

/**
 * Work every host does once the database is open: bill the cycles that came due while
 * the app was closed (issue: "automatically for due cycles when the app starts").
 */
export async function onAppStart(store: Store, now: () => Date = () => new Date()): Promise<BillingRunResult> {
  return runDueBilling({ db: store.db, now });
}
