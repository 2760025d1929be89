import type { SecretBox } from '../sync/secretBox';
import { defaultBoxFor, sealStoredPasswords } from './secrets';
import type { Store } from '../../db/open';
import type { BillingRunResult } from '../../preload/schemas/clients';
import { setAsideSummary, type SetAsideCallDay } from '../engine/callDays';
import { runDueBilling } from './billing';
import { raiseBilledNotice } from './billingNotice';
import { postCallCharges } from './calls/callCharges';
import { markInterruptedImports } from './calls/interrupted';
import { ratePendingCycles } from './calls/pendingCycles';
import { postCallChargesPg } from './calls/pg/callCharges';
import { ifImportLockFree } from './calls/pg/importPresence';
import { ratePendingCyclesPg } from './calls/pg/pendingCycles';
import { defersCallIndexes, restoreCallIndexes } from './calls/deferredIndexes';
import { RatingWorld } from './calls/world';
import { createContext } from './context';
import { findOutOfRangeClients, reportSkippedBilling } from './moneyHealth';

/** What a start did: the due billing run, and the call charges it could not post (issue 9). */
export interface StartupReport extends BillingRunResult {
  /** Client-days whose call charges the ledger door refused: still pending, named in the log and the client's notices. */
  callChargesSetAside: SetAsideCallDay[];
}

/**
 * Work every host does once the database is open: mark imports whose process died as
 * interrupted (issue 9), build the calls indexes and rate again the cycles it left with late calls (issue 13), post call charges an interrupted import left unposted (the dirty
 * list), then bill the cycles that came due while the app was closed (issue:
 * "automatically for due cycles when the app starts").
 */
export async function onAppStart(store: Store, now: () => Date = () => new Date(), secrets: SecretBox = defaultBoxFor(store.folder)): Promise<StartupReport> {
  // Issue 16: on a team server the owner of an import is whoever holds its presence lock, on any machine.
  await markInterruptedImports(store, now);
  await sealPasswordsLeftPlain(store, secrets);
  // Issue 9: one out-of-range row is reported and left out; it never stops the host.
  const outOfRange = new Set((await findOutOfRangeClients(store.db, now())).map((client) => client.id));
  await rateLeftCycles(store);
  const callChargesSetAside = await postLeftCallCharges(store, now);
  const ctx = createContext(store, now, undefined, undefined, undefined, secrets);
  const billed = await runDueBilling(ctx, outOfRange);
  await reportSkippedBilling(store.db, billed.skipped, now());
  // Issue 10: what the start billed (cycles missed while the app was closed) becomes a notice.
  await raiseBilledNotice(ctx, 'start', billed);
  return { ...billed, callChargesSetAside };
}

/**
 * What an interrupted import left, first: its late calls' cycles rated again (issue 13), and
 * on SQLite the calls indexes a killed bulk import left dropped (rating reads them), unless
 * another import still runs (its own end does it). Never on PostgreSQL: the indexes are
 * never dropped there (deferredIndexes.ts), and "another import runs" is the database's
 * import lock, taken here for the rating as a re-rate takes it.
 */
async function rateLeftCycles(store: Store): Promise<void> {
  try {
    if (!defersCallIndexes(store)) {
      await ifImportLockFree(store, async () => ratePendingCyclesPg(store, await RatingWorld.load(store.db)));
      return;
    }
    const running = await store.db.selectFrom('call_imports').select('id').where('status', '=', 'running').executeTakeFirst();
    if (running) return;
    await store.exclusive(() => restoreCallIndexes(store.db, store.sqlite));
    await ratePendingCycles(store, await RatingWorld.load(store.db));
  } catch (error) {
    // The notes stay: the next start or import rates those cycles.
    console.warn('[startup] late calls not rated again:', error instanceof Error ? error.message : error);
  }
}

/** Then its call charges posted (the dirty list); those the balance limit refuses set aside and returned. */
async function postLeftCallCharges(store: Store, now: () => Date): Promise<SetAsideCallDay[]> {
  try {
    // A client-day the balance limit refuses is set aside (and reported); the others are posted.
    const { setAside } = store.dialect === 'postgres' ? await postCallChargesPg(store, now) : await postCallCharges(store, now);
    const summary = setAsideSummary(setAside);
    if (summary !== null) console.warn(`[startup] ${summary}`);
    return setAside;
  } catch (error) {
    // The client-days stay on the dirty list and are posted by the next import.
    console.warn('[startup] call charges not posted:', error instanceof Error ? error.message : error);
    return [];
  }
}

/**
 * Issue 14: passwords stored before they were kept encrypted are sealed at the first start
 * (sealStoredPasswords). A computer with no keychain leaves them as they were and says so;
 * the start goes on.
 */
export async function sealPasswordsLeftPlain(store: Store, secrets: SecretBox, warn: (line: string) => void = (line) => console.warn(line)): Promise<void> {
  try {
    const sealed = await sealStoredPasswords(store.db, secrets);
    const count = sealed.subaccounts + sealed.portalPasswords + sealed.outboxItems;
    if (count > 0) warn(`[startup] encrypted the passwords stored in plain text: ${sealed.subaccounts} sub accounts, ${sealed.portalPasswords} client portals, ${sealed.outboxItems} changes waiting to be sent`);
  } catch (error) {
    warn(`[startup] passwords not encrypted: ${error instanceof Error ? error.message : String(error)}`);
  }
}
