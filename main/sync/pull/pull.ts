import type { z } from 'zod';
import type { PullResult, PullStatusView, syncPullInput } from '../../../preload/schemas/sync';
import { AppError } from '../../errors';
import { clientName } from '../../services/clients';
import { localDate } from '../../services/clock';
import { isoNow, type ServiceContext } from '../../services/context';
import type { Provider } from '../provider';
import { importAccounts, openingBalances } from './accounts';
import type { PullFailure } from './ask';
import { callsPulledToKey, pullCalls } from './calls';
import { reconcileBalances } from './reconcile';
import { readState, writeState } from './state';

export type SyncPullData = z.output<typeof syncPullInput>;

/** The reseller's time zone for call records: a setting (the settings table), like the currency. */
const TIMEZONE_SETTING = 'cdr_timezone';
const LAST_PULL_KEY = 'last_pull';

/** Where the provider is not set up: nothing can be pulled, and the person is told where to set it up. */
export const notConfigured = (): AppError =>
  new AppError('conflict', 'The provider is not set up: enter the API e-mail and password in Settings → Provider, then pull again');

/**
 * The reseller's time zone for call records (getResellerCDR's `timezone`, hours from UTC),
 * as saved by a pull; until then this machine's offset at `now`, so the calls' days are the
 * days the reseller lives in.
 */
export async function pullTimezone(ctx: ServiceContext): Promise<number> {
  const saved = await ctx.db.selectFrom('settings').select('value').where('key', '=', TIMEZONE_SETTING).executeTakeFirst();
  if (saved !== undefined && saved.value !== '' && Number.isFinite(Number(saved.value))) return Number(saved.value);
  return -ctx.now().getTimezoneOffset() / 60;
}

/**
 * `sync pull` (issue 12): the accounts (first connection, and whatever the provider gained
 * since), the calls, then the balances — each step on what the one before brought in.
 * A refusal reading the accounts ends the pull (nothing is written); a refusal for one
 * client's calls or balance is reported and the others go on.
 */
export async function pullFromProvider(ctx: ServiceContext, provider: Provider | null, input: SyncPullData): Promise<PullResult> {
  if (!provider) throw notConfigured();
  const options = input ?? { accounts: true, calls: true, balances: true };
  const startedAt = isoNow(ctx);
  if (options.timezone !== undefined) {
    const value = String(options.timezone);
    await ctx.db
      .insertInto('settings')
      .values({ key: TIMEZONE_SETTING, value })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
      .execute();
  }
  const timezone = await pullTimezone(ctx);
  const today = localDate(ctx.now());
  const failures: PullFailure[] = [];
  const imported = options.accounts ? await importAccounts(ctx, provider) : null;
  let calls: PullResult['calls'] = null;
  if (options.calls) {
    const pulled = await pullCalls(ctx, provider, { ...(options.from ? { from: options.from } : {}), to: options.to ?? today, today, timezone });
    calls = pulled.result;
    failures.push(...pulled.failures);
  }
  // The clients this pull made start from their balance at the provider, their calls now in.
  if (imported) failures.push(...(await openingBalances(ctx, provider, imported.created)));
  const accounts = imported?.counts ?? null;
  let balances: PullResult['balances'] = null;
  if (options.balances) {
    const checked = await reconcileBalances(ctx, provider, { today, timezone });
    balances = { checked: checked.checked, differing: checked.differing };
    failures.push(...checked.failures);
  }
  const result: PullResult = {
    startedAt,
    finishedAt: isoNow(ctx),
    timezone,
    accounts,
    calls,
    balances,
    failures: failures.map(({ what, status, message }) => ({ what, status, message })),
  };
  await writeState(ctx, LAST_PULL_KEY, JSON.stringify(result));
  return result;
}

/** Only the balances, again (the Reconciliation page's "Check again"). */
export async function reconcileNow(ctx: ServiceContext, provider: Provider | null): Promise<PullResult> {
  return pullFromProvider(ctx, provider, { accounts: false, calls: false, balances: true });
}

export async function pullStatus(ctx: ServiceContext): Promise<PullStatusView> {
  const last = await readState(ctx.db, LAST_PULL_KEY);
  const clients = await ctx.db
    .selectFrom('clients')
    .select(['id', 'first_name', 'last_name', 'company', 'provider_id'])
    .where('provider_id', 'is not', null)
    .where('status', '!=', 'closed')
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const pulledTo = new Map(
    (await ctx.db.selectFrom('sync_state').select(['key', 'value']).where('key', 'like', 'calls_pulled_to:%').execute()).map((row) => [row.key, row.value]),
  );
  return {
    timezone: await pullTimezone(ctx),
    lastPull: last === null ? null : (JSON.parse(last) as PullResult),
    clients: clients.map((client) => ({
      clientId: client.id,
      name: clientName(client),
      providerId: client.provider_id!,
      callsPulledTo: pulledTo.get(callsPulledToKey(client.provider_id!)) ?? null,
    })),
  };
}
