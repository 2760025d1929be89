import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BalanceMode, ClientsTable, Database, Route, SubaccountsTable } from '../../db/schema';
import { micros, rateE8 } from '../money';
import { clientName } from '../services/clients';
import { countryOptions } from '../services/countries';
import { foldForSearch } from '../../preload/common/search';
import { describedWithReference, enqueue, moneyReference, wireDecimal, type NewOutboxItem, type OutboxParams, type OutboxParamValue } from './outbox';

/**
 * The local changes the provider must hear of, as outbox items (issue 12 "Push"). Each is
 * called by its service inside the transaction that makes the change, so the item and the
 * change are kept or rolled back together. Parameters by the API's names (methods.json).
 */
type ClientRow = Selectable<ClientsTable>;
type SubaccountRow = Selectable<SubaccountsTable>;

/** getBalanceManagement: 1 = Hard (suspend the client at zero), 2 = Soft. */
export const BALANCE_MANAGEMENT: Record<BalanceMode, number> = { hard: 1, soft: 2 };
/** getRoutes: 1 = Value, 2 = Premium. */
export const ROUTE_CODE: Record<Route, number> = { value: 1, premium: 2 };

/**
 * The provider wants a country as ISO 3166-1 alpha-2 ("CA"; invalid_country otherwise);
 * the console keeps what was typed ("Canada"). A name it does not know is sent as typed,
 * and the provider's refusal shown.
 */
export function providerCountry(typed: string): string {
  const text = typed.trim();
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  const wanted = foldForSearch(text);
  return countryOptions().find((option) => foldForSearch(option.name) === wanted)?.code ?? text;
}

/** The client's fields the provider keeps (signupClient, and setClient: a full replace sends every one). */
function clientFields(row: ClientRow) {
  return {
    firstname: row.first_name,
    lastname: row.last_name,
    company: row.company,
    address: row.street,
    city: row.city,
    state: row.state,
    country: providerCountry(row.country),
    zip: row.postal_code,
    phone_number: row.phone,
    email: row.email,
    balance_management: BALANCE_MANAGEMENT[row.balance_mode],
  };
}

/** What setClient would send: a change of notes alone is the console's own and is not sent. */
const providerView = (row: ClientRow) => JSON.stringify(clientFields(row));

function thresholdParams(row: ClientRow): OutboxParams | null {
  if (row.low_balance_threshold_micros === null) return null;
  // setClientThreshold takes whole units (1–250); an amount outside is sent as it is and the provider's refusal shown.
  const whole = Math.round(row.low_balance_threshold_micros / 1_000_000);
  return { client: { $ref: 'client', id: row.id }, threshold: whole, ...(row.low_balance_email ? { email: row.low_balance_email } : {}) };
}

export async function clientCreated(trx: Kysely<Database>, row: ClientRow, createdAt: string): Promise<void> {
  const name = clientName(row);
  const password = { $ref: 'portalPassword' as const, id: row.id };
  await enqueue(
    trx,
    {
      entity: 'client',
      entityId: row.id,
      clientId: row.id,
      method: 'signupClient',
      params: { ...clientFields(row), confirm_email: row.email, password, confirm_password: password, activate: 1 },
      summary: `New client ${name}`,
    },
    createdAt,
  );
  const threshold = thresholdParams(row);
  if (threshold) await enqueue(trx, { entity: 'client', entityId: row.id, clientId: row.id, method: 'setClientThreshold', params: threshold, summary: `Low-balance threshold for ${name}` }, createdAt);
}

export async function clientUpdated(trx: Kysely<Database>, before: ClientRow, after: ClientRow, createdAt: string): Promise<void> {
  const name = clientName(after);
  if (providerView(before) !== providerView(after)) {
    await enqueue(
    trx,
      {
        entity: 'client',
        entityId: after.id,
        clientId: after.id,
        method: 'setClient',
        params: { client: { $ref: 'client', id: after.id }, ...clientFields(after), password: { $ref: 'portalPassword', id: after.id } },
        summary: before.balance_mode !== after.balance_mode ? `Client ${name}: details, balance ${after.balance_mode.toUpperCase()}` : `Client ${name}: details`,
      },
      createdAt,
    );
  }
  const threshold = thresholdParams(after);
  const changed = before.low_balance_threshold_micros !== after.low_balance_threshold_micros || before.low_balance_email !== after.low_balance_email;
  if (threshold && changed) {
    await enqueue(trx, { entity: 'client', entityId: after.id, clientId: after.id, method: 'setClientThreshold', params: threshold, summary: `Low-balance threshold for ${name}` }, createdAt);
  }
}

export async function clientDeleted(trx: Kysely<Database>, row: ClientRow, createdAt: string): Promise<void> {
  await enqueue(
    trx,
    { entity: 'client', entityId: row.id, clientId: row.id, method: 'delClient', params: { client: { $ref: 'client', id: row.id } }, summary: `Delete client ${clientName(row)}` },
    createdAt,
  );
}

/**
 * A manual payment or charge (the ledger door calls this beside the entry's insert).
 * addPayment/addCharge are not idempotent: the description carries a unique reference, so
 * an unknown outcome is checked in getDeposits/getCharges before the call is sent again.
 */
export function moneyMovedItem(entry: { id: number; clientId: number; clientName: string; kind: 'payment' | 'charge'; amountMicros: number; description: string }): NewOutboxItem {
  const reference = moneyReference(entry.id);
  const amount = wireDecimal(Math.abs(entry.amountMicros), 6);
  const payment = entry.kind === 'payment';
  return {
    entity: 'client',
    entityId: entry.clientId,
    clientId: entry.clientId,
    method: payment ? 'addPayment' : 'addCharge',
    params: { client: { $ref: 'client', id: entry.clientId }, [payment ? 'payment' : 'charge']: amount, description: describedWithReference(entry.description, reference) },
    summary: `${payment ? 'Payment' : 'Charge'} ${amount} for ${entry.clientName}`,
    reference,
  };
}

/** The sub account's fields as createSubAccount and setSubAccount name them (setSubAccount has no username nor protocol). */
async function subaccountParams(trx: Transaction<Database>, row: SubaccountRow): Promise<Record<string, OutboxParamValue>> {
  const connection =
    row.client_package_id === null
      ? undefined
      : await trx
          .selectFrom('client_packages')
          .innerJoin('packages', 'packages.id', 'client_packages.package_id')
          .select(['packages.id', 'packages.canada_route', 'packages.international_route'])
          .where('client_packages.id', '=', row.client_package_id)
          .executeTakeFirst();
  // reseller_client and reseller_package go together (missing_resellerclient / missing_resellerpackage otherwise).
  const reseller: Record<string, OutboxParamValue> =
    row.client_id !== null && connection ? { reseller_client: { $ref: 'client', id: row.client_id }, reseller_package: { $ref: 'package', id: connection.id } } : {};
  return {
    description: row.description,
    auth_type: row.auth_type,
    // Stored sealed (issue 14): the outbox holds a reference, opened only when the item is sent.
    password: { $ref: 'subaccountPassword', id: row.id },
    ip: row.ip,
    device_type: row.device_type,
    callerid_number: row.callerid_override,
    canada_routing: ROUTE_CODE[connection?.canada_route ?? 'value'],
    lock_international: row.international_lock,
    international_route: ROUTE_CODE[connection?.international_route ?? 'value'],
    music_on_hold: row.music_on_hold,
    allowed_codecs: (JSON.parse(row.allowed_codecs) as string[]).join(';'),
    dtmf_mode: row.dtmf_mode,
    nat: row.nat,
    ...reseller,
  };
}

export async function subaccountCreated(trx: Transaction<Database>, row: SubaccountRow, createdAt: string): Promise<void> {
  const params = await subaccountParams(trx, row);
  // Protocol 1 = SIP (getProtocols): the sub accounts of this console are SIP accounts.
  await enqueue(
    trx,
    { entity: 'subaccount', entityId: row.id, clientId: row.client_id, method: 'createSubAccount', params: { username: row.username, protocol: 1, ...params }, summary: `New sub account ${row.username}` },
    createdAt,
  );
}

export async function subaccountUpdated(trx: Transaction<Database>, row: SubaccountRow, createdAt: string): Promise<void> {
  const params = await subaccountParams(trx, row);
  await enqueue(
    trx,
    { entity: 'subaccount', entityId: row.id, clientId: row.client_id, method: 'setSubAccount', params: { id: { $ref: 'subaccount', id: row.id }, ...params }, summary: `Sub account ${row.username}: details` },
    createdAt,
  );
}

export async function subaccountDeleted(trx: Kysely<Database>, row: SubaccountRow, createdAt: string): Promise<void> {
  await enqueue(
    trx,
    { entity: 'subaccount', entityId: row.id, clientId: row.client_id, method: 'delSubAccount', params: { id: { $ref: 'subaccount', id: row.id } }, summary: `Delete sub account ${row.username}` },
    createdAt,
  );
}

/** The provider's DIDs are NANP numbers written with their 10 digits ("5551234567"); the console keeps E.164 digits. */
export const providerDid = (number: string): string => (number.length === 11 && number.startsWith('1') ? number.slice(1) : number);

/**
 * connectDID. The provider charges the setup fee at once, as assignDid posts it here; its
 * first month it would also charge at once, but the console bills a DID's month at the
 * client package's billing date (billingRun.ts), so `dont_charge_monthly` and that date as
 * `next_billing`: both sides then charge the same fees on the same days, and the
 * Reconciliation page shows no difference for them.
 */
export async function didConnected(
  trx: Kysely<Database>,
  assignment: { didId: number; number: string; clientId: number; clientName: string; clientPackageId: number; monthlyFeeMicros: number; setupFeeMicros: number; minuteRateE8: number; nextBilling: string },
  createdAt: string,
  /** 'rates': the same connection with new rates (connectDID again), charging nothing. */
  change: 'connect' | 'rates' = 'connect',
): Promise<void> {
  await enqueue(
    trx,
    {
      entity: 'did',
      entityId: assignment.didId,
      clientId: assignment.clientId,
      method: 'connectDID',
      params: {
        did: providerDid(assignment.number),
        account: { $ref: 'packageAccount', id: assignment.clientPackageId },
        monthly: wireDecimal(micros(assignment.monthlyFeeMicros), 6),
        setup: wireDecimal(micros(assignment.setupFeeMicros), 6),
        minute: wireDecimal(rateE8(assignment.minuteRateE8), 8),
        next_billing: assignment.nextBilling,
        ...(change === 'rates' ? { dont_charge_setup: 1 } : {}),
        dont_charge_monthly: 1,
      },
      summary: change === 'rates' ? `DID +${assignment.number} of ${assignment.clientName}: rates` : `Connect DID +${assignment.number} to ${assignment.clientName}`,
    },
    createdAt,
  );
}

export async function didUnconnected(trx: Kysely<Database>, did: { didId: number; number: string; clientId: number; clientName: string }, createdAt: string): Promise<void> {
  await enqueue(
    trx,
    { entity: 'did', entityId: did.didId, clientId: did.clientId, method: 'unconnectDID', params: { did: providerDid(did.number) }, summary: `Unconnect DID +${did.number} from ${did.clientName}` },
    createdAt,
  );
}
