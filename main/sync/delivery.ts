import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { clientName } from '../services/clients';
import { getMainAccount } from '../services/settings';
import { generatePassword } from '../services/subaccounts';
import { ProviderError, type Provider, type ProviderParams, type ProviderReply } from './provider';
import { isProviderRef, parseParams, type OutboxRow, type ProviderRef } from './outbox';
import type { SecretBox } from './secretBox';
import { openPassword, sealPassword } from '../services/secrets';

/**
 * Sending one outbox item (issue 12): its references to provider ids resolved, a possibly
 * applied earlier attempt checked first, the call made, and what came back turned into
 * the item's next state. The push worker (pushWorker.ts) decides which item and when.
 */

/** The references resolved to the provider's ids, or why the item must wait. */
export type Resolution = { ok: true; params: ProviderParams } | { ok: false; waitingFor: string };

async function resolveRef(db: Kysely<Database>, ref: ProviderRef, secrets: SecretBox): Promise<{ value: string } | { waitingFor: string }> {
  switch (ref.$ref) {
    case 'client': {
      const row = await db.selectFrom('clients').select(['provider_id', 'first_name', 'last_name', 'company']).where('id', '=', ref.id).executeTakeFirst();
      if (row?.provider_id) return { value: row.provider_id };
      return { waitingFor: row ? `Waits for client ${clientName(row)} to be created at the provider` : `Waits for client ${ref.id}, which is gone` };
    }
    case 'subaccount': {
      const row = await db.selectFrom('subaccounts').select(['provider_id', 'username']).where('id', '=', ref.id).executeTakeFirst();
      if (row?.provider_id) return { value: row.provider_id };
      return { waitingFor: `Waits for sub account ${row?.username ?? ref.id} to be created at the provider` };
    }
    case 'package': {
      const row = await db.selectFrom('packages').select(['provider_id', 'name']).where('id', '=', ref.id).executeTakeFirst();
      if (row?.provider_id) return { value: row.provider_id };
      return { waitingFor: `Waits for package ${row?.name ?? ref.id} to be linked to one of the provider's packages` };
    }
    case 'portalPassword': {
      // Made when first sent, not when the client is made: a client that never reaches the provider (the demo's) has none.
      const row = await db.selectFrom('clients').select('portal_password').where('id', '=', ref.id).executeTakeFirst();
      if (!row) return { waitingFor: `Waits for client ${ref.id}, which is gone` };
      if (row.portal_password) return opened(secrets, row.portal_password, 'portal password');
      // Kept sealed (issue 14); the first one stored wins if two passes made one at once.
      const password = generatePassword();
      await db.updateTable('clients').set({ portal_password: sealPassword(secrets, password, 'client portal password') }).where('id', '=', ref.id).where('portal_password', 'is', null).execute();
      const kept = await db.selectFrom('clients').select('portal_password').where('id', '=', ref.id).executeTakeFirstOrThrow();
      return kept.portal_password ? opened(secrets, kept.portal_password, 'portal password') : { value: password };
    }
    case 'subaccountPassword': {
      const row = await db.selectFrom('subaccounts').select(['password', 'username']).where('id', '=', ref.id).executeTakeFirst();
      if (!row) return { waitingFor: `Waits for sub account ${ref.id}, which is gone` };
      return opened(secrets, row.password, `SIP password of ${row.username}`);
    }
    case 'packageAccount': {
      // A DID is connected to a sub account of the client's package: the first one already at the provider.
      const row = await db
        .selectFrom('subaccounts')
        .select(['username'])
        .where('client_package_id', '=', ref.id)
        .where('deleted_at', 'is', null)
        .where('provider_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirst();
      if (row) return { value: `${await getMainAccount(db)}_${row.username}` };
      return { waitingFor: 'Waits for a sub account of this client package to be created at the provider (a DID is connected to a sub account)' };
    }
  }
}

/** A stored password opened for sending; one that cannot be opened (another computer's key) holds the item with why. */
function opened(secrets: SecretBox, stored: string, what: string): { value: string } | { waitingFor: string } {
  try {
    return { value: openPassword(secrets, stored) };
  } catch (error) {
    return { waitingFor: `The ${what} cannot be opened here: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function resolveParams(db: Kysely<Database>, row: OutboxRow, secrets: SecretBox): Promise<Resolution> {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(parseParams(row))) {
    if (!isProviderRef(value)) {
      params[name] = value;
      continue;
    }
    const resolved = await resolveRef(db, value, secrets);
    if ('waitingFor' in resolved) return { ok: false, waitingFor: resolved.waitingFor };
    params[name] = resolved.value;
  }
  return { ok: true, params };
}

/** A list field as the provider sends it: a list, one object where a list was expected, or nothing (`no_*`). */
function listOf(reply: ProviderReply, field: string): Record<string, unknown>[] {
  const value = reply[field];
  if (Array.isArray(value)) return value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
  if (typeof value === 'object' && value !== null) return [value as Record<string, unknown>];
  return [];
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * Was this call already applied? Asked before sending again an item whose last attempt
 * ended without an answer (a timeout after sending, a restart mid-send). Money calls are
 * not idempotent: the unique reference in their description is looked for in
 * getDeposits / getCharges. A create is looked up by what identifies it. The reply to use
 * when it was applied, else null (send it).
 */
async function findApplied(provider: Provider, row: OutboxRow, params: ProviderParams): Promise<ProviderReply | null> {
  switch (row.method) {
    case 'addPayment':
    case 'addCharge': {
      const deposits = row.method === 'addPayment';
      const reply = await provider.call(deposits ? 'getDeposits' : 'getCharges', { client: params.client });
      const found = listOf(reply, deposits ? 'deposits' : 'charges').some((entry) => row.reference !== null && text(entry.description).includes(row.reference));
      return found ? { status: 'success' } : null;
    }
    case 'signupClient':
      return findClient(provider, text(params.email));
    case 'createSubAccount':
      return findSubaccount(provider, text(params.username));
    case 'connectDID':
    case 'unconnectDID': {
      // connectDID charges the setup fee each time it is applied: whether the DID already sits
      // on the sub account (or, for unconnectDID, on none) is asked before sending again.
      const did = await findDid(provider, text(params.did));
      const account = text(did?.reseller_account);
      if (row.method === 'connectDID') {
        const same = (field: string, param: string): boolean => Number(text(did?.[field])) === Number(text(params[param]));
        return account === text(params.account) && same('reseller_monthly', 'monthly') && same('reseller_minute', 'minute') ? { status: 'success' } : null;
      }
      return did === null || account === '' ? { status: 'success' } : null;
    }
    default:
      // setClient, setSubAccount, setClientThreshold: sending the same again does the same.
      return null;
  }
}

async function findClient(provider: Provider, email: string): Promise<ProviderReply | null> {
  let reply: ProviderReply;
  try {
    reply = await provider.call('getClients', { client: email });
  } catch (error) {
    // Asked by e-mail, the provider answers invalid_client when it has no such client: the signup was not applied.
    if (error instanceof ProviderError && error.status === 'invalid_client') return null;
    throw error;
  }
  const client = listOf(reply, 'clients').find((entry) => text(entry.email).toLowerCase() === email.toLowerCase());
  return client ? { status: 'success', client: text(client.client) } : null;
}

async function findDid(provider: Provider, did: string): Promise<Record<string, unknown> | null> {
  let reply: ProviderReply;
  try {
    reply = await provider.call('getDIDsInfo', { did });
  } catch (error) {
    // Asked for one DID the account does not hold (or no longer holds), the provider answers invalid_did.
    if (error instanceof ProviderError && error.status === 'invalid_did') return null;
    throw error;
  }
  return listOf(reply, 'dids').find((entry) => text(entry.did) === did) ?? null;
}

async function findSubaccount(provider: Provider, username: string): Promise<ProviderReply | null> {
  const reply = await provider.call('getSubAccounts', {});
  const account = listOf(reply, 'accounts').find((entry) => text(entry.username) === username);
  return account ? { status: 'success', id: text(account.id), account: text(account.account) } : null;
}

/** A delete sent again after an unknown outcome finds nothing to delete: it was applied. */
const ALREADY_GONE: Readonly<Record<string, readonly string[]>> = {
  delClient: ['invalid_client'],
  delSubAccount: ['invalid_id', 'invalid_account'],
};

export type Delivery =
  | { kind: 'done'; reply: ProviderReply }
  | { kind: 'transient' | 'unknown' | 'permanent'; status: string; message: string };

/** One attempt: check first when the last attempt may have been applied, then send. Never throws. */
export async function deliver(provider: Provider, row: OutboxRow, params: ProviderParams): Promise<Delivery> {
  try {
    if (row.verify_first === 1) {
      const applied = await findApplied(provider, row, params);
      if (applied) return { kind: 'done', reply: applied };
    }
    let reply = await provider.call(row.method, params);
    // Some successful writes answer with an empty body: the new id is then looked up.
    if (row.method === 'signupClient' && !text(reply.client)) reply = (await findClient(provider, text(params.email))) ?? reply;
    if (row.method === 'createSubAccount' && !text(reply.id)) reply = (await findSubaccount(provider, text(params.username))) ?? reply;
    return { kind: 'done', reply };
  } catch (error) {
    if (error instanceof ProviderError) {
      if (row.verify_first === 1 && error.kind === 'permanent' && ALREADY_GONE[row.method]?.includes(error.status)) return { kind: 'done', reply: { status: 'success' } };
      return { kind: error.kind, status: error.status, message: error.message };
    }
    // Not the provider's answer (a bug in a client, a failure before the request): try again later, checking first.
    return { kind: 'unknown', status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The provider id a create's reply gives, to keep on the local row. */
export function providerIdOf(row: Pick<OutboxRow, 'method'>, reply: ProviderReply): { table: 'clients' | 'subaccounts'; id: string } | null {
  if (row.method === 'signupClient' && text(reply.client)) return { table: 'clients', id: text(reply.client) };
  if (row.method === 'createSubAccount' && text(reply.id)) return { table: 'subaccounts', id: text(reply.id) };
  return null;
}
