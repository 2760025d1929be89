import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { SubaccountSummary } from '../../preload/schemas/clients';
import type { SubaccountData, SubaccountUpdateData, SubaccountView } from '../../preload/schemas/telephony';
import { AppError, fieldError, notFound } from '../errors';
import { clientName, openClient } from './clients';
import { connectPackageInTransaction } from './clientPackages';
import { isoNow, type ServiceContext } from './context';
import { getMainAccount } from './settings';
import { subaccountCreated, subaccountDeleted, subaccountUpdated } from '../sync/changes';
import type { SecretBox } from '../sync/secretBox';
import { openPassword, sealPassword } from './secrets';

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 20 characters from a 56-symbol alphabet (~116 bits), always with a letter and a digit. */
export function generatePassword(length = 20): string {
  for (;;) {
    let password = '';
    for (let index = 0; index < length; index += 1) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}

async function assertUsernameFree(trx: Transaction<Database>, username: string, exceptId?: number): Promise<void> {
  // Usernames are unique regardless of case (the index is COLLATE NOCASE).
  let query = trx
    .selectFrom('subaccounts')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .where('deleted_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw fieldError('username', `The sub account ${username} already exists`);
}

async function readSubaccount(db: ServiceContext['db'], id: number, withPassword: SecretBox | null = null): Promise<SubaccountView> {
  const row = await db
    .selectFrom('subaccounts')
    .leftJoin('clients', 'clients.id', 'subaccounts.client_id')
    .leftJoin('client_packages', 'client_packages.id', 'subaccounts.client_package_id')
    .leftJoin('packages', 'packages.id', 'client_packages.package_id')
    .selectAll('subaccounts')
    .select(['clients.first_name', 'clients.last_name', 'clients.company', 'packages.name as package_name'])
    .where('subaccounts.id', '=', id)
    .where('subaccounts.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound(`Sub account ${id}`);
  const mainAccount = await getMainAccount(db);
  return {
    id: row.id,
    username: row.username,
    account: `${mainAccount}_${row.username}`,
    description: row.description,
    deviceType: row.device_type,
    authType: row.auth_type,
    ip: row.ip,
    callerIdOverride: row.callerid_override,
    musicOnHold: row.music_on_hold,
    allowedCodecs: JSON.parse(row.allowed_codecs) as string[],
    dtmfMode: row.dtmf_mode,
    nat: row.nat,
    internationalLock: row.international_lock === 1,
    clientId: row.client_id,
    clientName: row.client_id === null ? null : clientName({ first_name: row.first_name ?? '', last_name: row.last_name ?? '', company: row.company ?? '' }),
    clientPackageId: row.client_package_id,
    packageName: row.package_name,
    // Stored sealed (issue 14): opened only to be shown.
    ...(withPassword ? { password: shownPassword(withPassword, row.password) } : {}),
  };
}

/**
 * Guide: "Create Sub account … the Reseller configuration section": client, client
 * package, next billing date, charge setup fees now. A new package is connected in the
 * same transaction, so a failure leaves neither behind.
 */
/** The reseller section: an existing connection of the client, or a package connected now. */
async function resolveClientPackage(
  trx: Transaction<Database>,
  ctx: ServiceContext,
  input: { clientId: number; clientPackageId?: number; packageId?: number; nextBillingDate?: string; chargeSetupNow?: boolean },
): Promise<number | null> {
  await openClient(trx, input.clientId);
  if (input.clientPackageId !== undefined) {
    const connection = await trx
      .selectFrom('client_packages')
      .select(['id', 'client_id', 'disconnected_at'])
      .where('id', '=', input.clientPackageId)
      .executeTakeFirst();
    if (!connection || connection.client_id !== input.clientId || connection.disconnected_at !== null) {
      throw fieldError('clientPackageId', 'Choose a package connected to this client');
    }
    return connection.id;
  }
  if (input.packageId !== undefined && input.nextBillingDate !== undefined) {
    return connectPackageInTransaction(trx, ctx, {
      clientId: input.clientId,
      packageId: input.packageId,
      nextBillingDate: input.nextBillingDate,
      chargeSetupNow: input.chargeSetupNow ?? false,
    });
  }
  return null;
}

/** A stored SIP password opened to be shown; one sealed with another key is refused with why. */
function shownPassword(box: SecretBox, stored: string): string {
  try {
    return openPassword(box, stored);
  } catch (error) {
    throw new AppError('conflict', `The SIP password cannot be shown: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A SIP password to store: sealed, or refused with why on a computer that cannot keep it encrypted. */
function sealed(ctx: ServiceContext, password: string): string {
  try {
    return sealPassword(ctx.secrets, password, 'SIP password');
  } catch (error) {
    throw fieldError('password', error instanceof Error ? error.message : String(error));
  }
}

export async function createSubaccount(ctx: ServiceContext, input: SubaccountData): Promise<SubaccountView> {
  const password = input.password || generatePassword();
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertUsernameFree(trx, input.username);
    const clientPackageId = input.clientId === undefined ? null : await resolveClientPackage(trx, ctx, { ...input, clientId: input.clientId });
    const now = isoNow(ctx);
    const created = await trx
      .insertInto('subaccounts')
      .values({
        username: input.username,
        password: sealed(ctx, password),
        description: input.description,
        device_type: input.deviceType,
        auth_type: input.authType,
        ip: input.ip,
        callerid_override: input.callerIdOverride.replace(/^\+/, ''),
        music_on_hold: input.musicOnHold,
        allowed_codecs: JSON.stringify(input.allowedCodecs),
        dtmf_mode: input.dtmfMode,
        nat: input.nat,
        international_lock: input.internationalLock ? 1 : 0,
        client_id: input.clientId ?? null,
        client_package_id: clientPackageId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Issue 12: createSubAccount in the outbox, with this transaction.
    await subaccountCreated(trx, created, now);
    return created.id;
  });
  // The password is shown once, when it is made.
  return readSubaccount(ctx.db, id, ctx.secrets);
}

export async function updateSubaccount(ctx: ServiceContext, input: SubaccountUpdateData): Promise<SubaccountView> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await readSubaccount(trx, input.id);
    if (input.username !== undefined) await assertUsernameFree(trx, input.username, input.id);
    const authType = input.authType ?? current.authType;
    const ip = input.ip ?? current.ip;
    if (authType === 2 && ip === '') throw fieldError('ip', 'Static IP authentication needs an IPv4 address');
    const columns = {
      username: input.username,
      password: input.password ? sealed(ctx, input.password) : undefined,
      description: input.description,
      device_type: input.deviceType,
      auth_type: input.authType,
      ip: input.ip,
      callerid_override: input.callerIdOverride?.replace(/^\+/, ''),
      music_on_hold: input.musicOnHold,
      allowed_codecs: input.allowedCodecs && JSON.stringify(input.allowedCodecs),
      dtmf_mode: input.dtmfMode,
      nat: input.nat,
      international_lock: input.internationalLock === undefined ? undefined : input.internationalLock ? (1 as const) : (0 as const),
    };
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
    if (input.clientId === null) {
      set.client_id = null;
      set.client_package_id = null;
    } else if (input.clientId !== undefined) {
      set.client_id = input.clientId;
      set.client_package_id = await resolveClientPackage(trx, ctx, { ...input, clientId: input.clientId });
    }
    const row = await trx.updateTable('subaccounts').set({ ...set, updated_at: isoNow(ctx) }).where('id', '=', input.id).returningAll().executeTakeFirstOrThrow();
    // setSubAccount is a full replace: every field, the reseller fields with them.
    await subaccountUpdated(trx, row, row.updated_at);
  });
  return readSubaccount(ctx.db, input.id);
}

/** Deleted sub accounts keep their row (calls refer to them); the username becomes free again. */
export async function deleteSubaccount(ctx: ServiceContext, input: { id: number }): Promise<{ id: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    // The provider connects each DID to a sub account of the client's package, and will not
    // delete a sub account a DID is connected to (account_with_dids): the DIDs go first.
    const dids = await trx
      .selectFrom('subaccounts')
      .innerJoin('did_assignments', 'did_assignments.client_package_id', 'subaccounts.client_package_id')
      .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
      .select('dids.number')
      .where('subaccounts.id', '=', input.id)
      .where('subaccounts.deleted_at', 'is', null)
      .where('did_assignments.unassigned_at', 'is', null)
      .orderBy('dids.number')
      .execute();
    if (dids.length > 0) {
      const numbers = dids.map((did) => `+${did.number}`).join(', ');
      throw new AppError('conflict', `This sub account's package has DIDs assigned (${numbers}): the provider connects each DID to a sub account, so unassign them first`);
    }
    const row = await trx
      .updateTable('subaccounts')
      .set({ deleted_at: isoNow(ctx), updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound(`Sub account ${input.id}`);
    await subaccountDeleted(trx, row, row.updated_at);
    return { id: input.id };
  });
}

export const revealPassword = async (ctx: ServiceContext, input: { id: number }): Promise<SubaccountView> =>
  readSubaccount(ctx.db, input.id, ctx.secrets);

export const getSubaccount = async (ctx: ServiceContext, input: { id: number }): Promise<SubaccountView> => readSubaccount(ctx.db, input.id);

export async function listSubaccounts(ctx: ServiceContext, clientId?: number): Promise<SubaccountSummary[]> {
  let query = ctx.db
    .selectFrom('subaccounts')
    .leftJoin('client_packages', 'client_packages.id', 'subaccounts.client_package_id')
    .leftJoin('packages', 'packages.id', 'client_packages.package_id')
    .leftJoin('clients', 'clients.id', 'subaccounts.client_id')
    .select([
      'subaccounts.id',
      'subaccounts.username',
      'subaccounts.description',
      'subaccounts.client_id',
      'subaccounts.client_package_id',
      'packages.name',
      'clients.first_name',
      'clients.last_name',
      'clients.company',
    ])
    .where('subaccounts.deleted_at', 'is', null)
    .orderBy('subaccounts.username');
  if (clientId !== undefined) query = query.where('subaccounts.client_id', '=', clientId);
  const rows = await query.execute();
  const mainAccount = await getMainAccount(ctx.db);
  // The numbers on each client package, in one query for the whole list.
  const didRows = await ctx.db
    .selectFrom('did_assignments')
    .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
    .select(['did_assignments.client_package_id', 'dids.number'])
    .where('did_assignments.unassigned_at', 'is', null)
    .orderBy('dids.number')
    .execute();
  const didsByPackage = new Map<number, string[]>();
  for (const row of didRows) didsByPackage.set(row.client_package_id, [...(didsByPackage.get(row.client_package_id) ?? []), row.number]);
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    account: `${mainAccount}_${row.username}`,
    description: row.description,
    clientId: row.client_id,
    clientName: row.client_id === null ? null : clientName({ first_name: row.first_name ?? '', last_name: row.last_name ?? '', company: row.company ?? '' }),
    clientPackageId: row.client_package_id,
    packageName: row.name,
    dids: row.client_package_id === null ? [] : (didsByPackage.get(row.client_package_id) ?? []),
  }));
}

