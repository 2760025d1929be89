import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema';
import type { AccountImportCounts, AccountsImportResult } from '../../../preload/schemas/sync';
import { clientSearchText } from '../../../preload/common/search';
import { dayOfMonth, nextCycleDate } from '../../engine/billingDates';
import { statusFor } from '../../engine/balance';
import { localDate } from '../../services/clock';
import { isoNow, type ServiceContext } from '../../services/context';
import { canonicalDid } from '../../services/dids';
import type { Provider } from '../provider';
import { askProvider, failureOf, type PullFailure } from './ask';
import { micros, type Micros } from '../../money';
import { moneyDoor } from '../../services/ledger';
import { lockClient } from '../../services/locks';
import { listField, moneyField, objectField, routeField, scaledField, text, wholeField, dateField, type WireRecord } from './wire';

/**
 * First connection (issue 12): the reseller's clients, packages, sub accounts and DIDs as
 * the provider knows them, matched to what is already here instead of duplicated —
 * packages by provider id then name, clients by provider id then e-mail, sub accounts by
 * provider id then username, DIDs by number — and the provider's id stored on each match.
 * Safe to run again: a second run matches everything by provider id and creates nothing.
 *
 * Rows are written directly, not through the services that push to the provider: what
 * comes from the provider must not go back to it as a new change. The only money is a
 * created client's balance at the provider, brought over after the pull's calls
 * (openingBalances); an imported connection's setup fee was charged at the provider already.
 */
export async function importAccounts(ctx: ServiceContext, provider: Provider): Promise<{ counts: AccountsImportResult; created: CreatedClient[] }> {
  // Read everything first: a refusal leaves the database as it was.
  const packages = listField(await askProvider(provider, 'getPackages'), 'packages');
  const clients = listField(await askProvider(provider, 'getClients'), 'clients');
  const accounts = listField(await askProvider(provider, 'getSubAccounts'), 'accounts');
  const dids = listField(await askProvider(provider, 'getDIDsInfo'), 'dids');
  const created: CreatedClient[] = [];
  const counts = await ctx.db.transaction().execute(async (trx) => ({
    packages: await importPackages(trx, ctx, packages),
    clients: await importClients(trx, ctx, clients, created),
    subaccounts: await importSubaccounts(trx, ctx, accounts),
    dids: await importDids(trx, ctx, dids),
  }));
  return { counts, created };
}

/** A client this pull made from the provider's: its balance is brought over once the pull's calls are in (openingBalances). */
export interface CreatedClient {
  id: number;
  providerId: string;
}

/**
 * The clients this pull created start from their balance at the provider, read after the
 * pull's calls were imported: their calls of the past are in that balance already, so the
 * 'opening' entry is what makes the balance here equal the provider's (provider − here),
 * and the Reconciliation page lists no difference on the first day. An 'opening' entry is
 * not a payment or charge of this console: nothing goes back to the provider.
 */
export async function openingBalances(ctx: ServiceContext, provider: Provider, created: readonly CreatedClient[]): Promise<PullFailure[]> {
  const failures: PullFailure[] = [];
  for (const client of created) {
    let providerBalance: Micros;
    try {
      const reply = await provider.call('getResellerBalance', { client: client.providerId });
      providerBalance = moneyField(objectField(reply, 'balance')['current_balance']);
    } catch (error) {
      failures.push(failureOf(error, `getResellerBalance for client ${client.providerId} (its opening balance)`));
      continue;
    }
    await ctx.db.transaction().execute(async (trx) => {
      // The balance read and the entry written in one transaction (the door locks the client on a team server first).
      await lockClient(trx, ctx.store.dialect, client.id);
      const { balance_micros: here } = await trx.selectFrom('clients').select('balance_micros').where('id', '=', client.id).executeTakeFirstOrThrow();
      const opening = micros(providerBalance - here);
      if (opening === 0) return;
      await moneyDoor(ctx.store).post(
        trx,
        { clientId: client.id, kind: 'opening', amount: opening, description: 'Balance at the provider when first pulled', occurredOn: localDate(ctx.now()), reference: `opening:${client.providerId}` },
        isoNow(ctx),
      );
    });
  }
  return failures;
}

const noCounts = (): AccountImportCounts => ({ matched: 0, linked: 0, created: 0 });

/** The provider's package fields in local units (methods.json getPackages). */
export function providerPackageTerms(record: WireRecord) {
  return {
    markup_fixed_e8: scaledField(record['markup_fixed'], 8),
    markup_percent_e4: scaledField(record['markup_percentage'], 4),
    pulse_seconds: Math.max(1, wholeField(record['pulse'], 60)),
    international_route: routeField(record['international_route']),
    canada_route: routeField(record['canada_route']),
    monthly_fee_micros: moneyField(record['monthly_fee']),
    setup_fee_micros: moneyField(record['setup_fee']),
    free_minutes: Math.max(0, wholeField(record['free_minutes'], 0)),
  };
}

async function importPackages(trx: Transaction<Database>, ctx: ServiceContext, records: readonly WireRecord[]): Promise<AccountImportCounts> {
  const counts = noCounts();
  const now = isoNow(ctx);
  const seen: string[] = [];
  for (const record of records) {
    const providerId = text(record['package']);
    if (providerId === '') continue;
    seen.push(providerId);
    const name = text(record['name']) || `Package ${providerId}`;
    const terms = providerPackageTerms(record);
    await trx
      .insertInto('provider_packages')
      .values({ provider_id: providerId, name, ...terms, pulled_at: now })
      .onConflict((conflict) => conflict.column('provider_id').doUpdateSet({ name, ...terms, pulled_at: now }))
      .execute();
    const linked = await trx.selectFrom('packages').select('id').where('provider_id', '=', providerId).executeTakeFirst();
    if (linked) {
      counts.matched += 1;
      continue;
    }
    const sameName = await trx
      .selectFrom('packages')
      .select(['id', 'provider_id'])
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    if (sameName && sameName.provider_id === null) {
      await trx.updateTable('packages').set({ provider_id: providerId }).where('id', '=', sameName.id).execute();
      counts.linked += 1;
      continue;
    }
    // A local package of that name is linked elsewhere: the new one says which provider package it is.
    await trx
      .insertInto('packages')
      .values({ name: sameName ? `${name} (${providerId})` : name, ...terms, provider_id: providerId, created_at: now, updated_at: now })
      .execute();
    counts.created += 1;
  }
  // Gone from the provider: its snapshot goes (a package linked to it then says so).
  if (records.length === 0) await trx.deleteFrom('provider_packages').execute();
  else await trx.deleteFrom('provider_packages').where('provider_id', 'not in', seen.length > 0 ? seen : ['']).execute();
  return counts;
}

async function importClients(trx: Transaction<Database>, ctx: ServiceContext, records: readonly WireRecord[], created: CreatedClient[]): Promise<AccountImportCounts> {
  const counts = noCounts();
  const now = isoNow(ctx);
  for (const record of records) {
    const providerId = text(record['client']);
    if (providerId === '') continue;
    if (await trx.selectFrom('clients').select('id').where('provider_id', '=', providerId).executeTakeFirst()) {
      counts.matched += 1;
      continue;
    }
    const email = text(record['email']);
    const sameEmail =
      email === ''
        ? undefined
        : await trx
            .selectFrom('clients')
            .select('id')
            .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
            .where('status', '!=', 'closed')
            .where('provider_id', 'is', null)
            .orderBy('id')
            .executeTakeFirst();
    if (sameEmail) {
      await trx.updateTable('clients').set({ provider_id: providerId }).where('id', '=', sameEmail.id).execute();
      counts.linked += 1;
      continue;
    }
    const columns = {
      first_name: text(record['firstname']),
      last_name: text(record['lastname']),
      company: text(record['company']),
      email,
      phone: text(record['phone_number']),
    };
    // balance_management: 1 = Hard (suspend at zero), anything else Soft.
    const mode = text(record['balance_management']) === '1' ? 'hard' : 'soft';
    const { id } = await trx
      .insertInto('clients')
      .values({
        ...columns,
        street: text(record['address']),
        city: text(record['city']),
        state: text(record['state']),
        country: text(record['country']),
        postal_code: text(record['zip']),
        balance_mode: mode,
        low_balance_threshold_micros: null,
        low_balance_email: '',
        notes: '',
        search_text: clientSearchText(columns),
        status: statusFor(mode, 'active', 0),
        created_at: now,
        updated_at: now,
        provider_id: providerId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    created.push({ id, providerId });
    counts.created += 1;
  }
  return counts;
}

/** The username of a sub account: `username`, else what follows the main account in `account` (100000_alice). */
function usernameOf(record: WireRecord): string {
  const username = text(record['username']);
  if (username !== '') return username;
  const account = text(record['account']);
  const underscore = account.indexOf('_');
  return underscore >= 0 ? account.slice(underscore + 1) : account;
}

async function importSubaccounts(trx: Transaction<Database>, ctx: ServiceContext, records: readonly WireRecord[]): Promise<AccountImportCounts> {
  const counts = noCounts();
  const now = isoNow(ctx);
  for (const record of records) {
    const providerId = text(record['id']);
    const username = usernameOf(record);
    if (providerId === '' || username === '') continue;
    if (await trx.selectFrom('subaccounts').select('id').where('provider_id', '=', providerId).executeTakeFirst()) {
      counts.matched += 1;
      continue;
    }
    const sameUsername = await trx
      .selectFrom('subaccounts')
      .select(['id', 'provider_id'])
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (sameUsername) {
      if (sameUsername.provider_id === null) {
        await trx.updateTable('subaccounts').set({ provider_id: providerId }).where('id', '=', sameUsername.id).execute();
        counts.linked += 1;
      }
      continue;
    }
    const reseller = await resellerConnection(trx, ctx, record);
    const codecs = text(record['allowed_codecs'])
      .split(/[;,]/)
      .map((codec) => codec.trim())
      .filter((codec) => codec !== '');
    await trx
      .insertInto('subaccounts')
      .values({
        username,
        password: text(record['password']),
        description: text(record['description']),
        device_type: wholeField(record['device_type'], 2),
        auth_type: wholeField(record['auth_type'], 1),
        ip: text(record['ip']),
        callerid_override: text(record['callerid_number']),
        music_on_hold: text(record['music_on_hold']) || 'default',
        allowed_codecs: JSON.stringify(codecs.length > 0 ? codecs : ['ulaw', 'g729']),
        dtmf_mode: text(record['dtmf_mode']) || 'auto',
        nat: text(record['nat']) || 'yes',
        international_lock: text(record['lock_international']) === '1' ? 1 : 0,
        client_id: reseller.clientId,
        client_package_id: reseller.clientPackageId,
        created_at: now,
        updated_at: now,
        provider_id: providerId,
      })
      .execute();
    counts.created += 1;
  }
  return counts;
}

/**
 * The reseller section of an imported sub account: its client (reseller_client, by provider
 * id) and that client's connection to the package linked to reseller_package — the open
 * one, or a new one billed from reseller_nextbilling with no setup fee pending.
 */
async function resellerConnection(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  record: WireRecord,
): Promise<{ clientId: number | null; clientPackageId: number | null }> {
  const clientProviderId = text(record['reseller_client']);
  if (clientProviderId === '' || clientProviderId === '0') return { clientId: null, clientPackageId: null };
  const client = await trx.selectFrom('clients').select('id').where('provider_id', '=', clientProviderId).where('status', '!=', 'closed').executeTakeFirst();
  if (!client) return { clientId: null, clientPackageId: null };
  const packageProviderId = text(record['reseller_package']);
  const pkg =
    packageProviderId === ''
      ? undefined
      : await trx.selectFrom('packages').select('id').where('provider_id', '=', packageProviderId).where('archived_at', 'is', null).executeTakeFirst();
  if (!pkg) return { clientId: client.id, clientPackageId: null };
  const open = await trx
    .selectFrom('client_packages')
    .select('id')
    .where('client_id', '=', client.id)
    .where('package_id', '=', pkg.id)
    .where('disconnected_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (open) return { clientId: client.id, clientPackageId: open.id };
  const today = localDate(ctx.now());
  const nextBilling = dateField(record['reseller_nextbilling']);
  const nextBillingDate = nextBilling !== null && nextBilling > today ? nextBilling : nextCycleDate(today, dayOfMonth(today));
  const { id } = await trx
    .insertInto('client_packages')
    .values({
      client_id: client.id,
      package_id: pkg.id,
      billing_day: dayOfMonth(nextBillingDate),
      next_billing_date: nextBillingDate,
      cycle_start_date: today,
      setup_fee_pending: 0,
      connected_at: isoNow(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { clientId: client.id, clientPackageId: id };
}

async function importDids(trx: Transaction<Database>, ctx: ServiceContext, records: readonly WireRecord[]): Promise<AccountImportCounts> {
  const counts = noCounts();
  const now = isoNow(ctx);
  for (const record of records) {
    const raw = text(record['did']);
    if (!/^\+?\d{10,15}$/.test(raw)) continue;
    const number = canonicalDid(raw);
    const existing = await trx.selectFrom('dids').select(['id', 'removed_at']).where('number', '=', number).executeTakeFirst();
    let didId: number;
    if (existing && existing.removed_at === null) {
      counts.matched += 1;
      didId = existing.id;
    } else if (existing) {
      // Given back here, but the provider still has it: it is in the inventory again, its history kept.
      await trx.updateTable('dids').set({ removed_at: null, source: 'sync' }).where('id', '=', existing.id).execute();
      counts.linked += 1;
      didId = existing.id;
    } else {
      const inserted = await trx
        .insertInto('dids')
        .values({ number, description: text(record['description']), source: 'sync', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      counts.created += 1;
      didId = inserted.id;
    }
    await assignImportedDid(trx, now, didId, record);
  }
  return counts;
}

/** A DID routed to a reseller client's sub account (reseller_account) is assigned to that client, at the provider's reseller rates, unless it is assigned already. */
async function assignImportedDid(trx: Transaction<Database>, now: string, didId: number, record: WireRecord): Promise<void> {
  const account = text(record['reseller_account']);
  if (account === '') return;
  const open = await trx.selectFrom('did_assignments').select('id').where('did_id', '=', didId).where('unassigned_at', 'is', null).executeTakeFirst();
  if (open) return;
  const username = usernameOf({ account });
  const subaccount = await trx
    .selectFrom('subaccounts')
    .select(['client_id', 'client_package_id'])
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!subaccount || subaccount.client_id === null || subaccount.client_package_id === null) return;
  await trx
    .insertInto('did_assignments')
    .values({
      did_id: didId,
      client_id: subaccount.client_id,
      client_package_id: subaccount.client_package_id,
      minute_rate_e8: Math.max(0, scaledField(record['reseller_minute'], 8)),
      monthly_fee_micros: Math.max(0, moneyField(record['reseller_monthly'])),
      setup_fee_micros: Math.max(0, moneyField(record['reseller_setup'])),
      assigned_at: now,
    })
    .execute();
}
