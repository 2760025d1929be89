import { sql, type Selectable, type Transaction } from 'kysely';
import type { ClientsTable, Database } from '../../db/schema';
import type {
  ClientData,
  ClientListData,
  ClientSummary,
  ClientUpdateData,
  ClientView,
} from '../../preload/schemas/clients';
import { AppError, fieldError, notFound } from '../errors';
import { micros, moneyToText } from '../money';
import { localDate } from './clock';
import { isoNow, type ServiceContext } from './context';
import { moneyDoor } from './ledger';
import { statusFor } from '../engine/balance';
import { clientSearchText, foldForSearch } from '../../preload/common/search';
import { clientCreated, clientDeleted, clientUpdated } from '../sync/changes';

type ClientRow = Selectable<ClientsTable>;

export function clientName(row: Pick<ClientRow, 'first_name' | 'last_name' | 'company'>): string {
  const person = `${row.first_name} ${row.last_name}`.trim();
  return row.company ? `${person} (${row.company})` : person;
}

function toSummary(row: ClientRow): ClientSummary {
  return {
    id: row.id,
    name: clientName(row),
    company: row.company,
    email: row.email,
    balanceMode: row.balance_mode,
    status: row.status,
    balance: moneyToText(micros(row.balance_micros)),
    belowThreshold: row.below_threshold === 1,
    createdAt: row.created_at,
  };
}

export function toClientView(row: ClientRow): ClientView {
  return {
    ...toSummary(row),
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    street: row.street,
    city: row.city,
    state: row.state,
    country: row.country,
    postalCode: row.postal_code,
    lowBalanceThreshold: row.low_balance_threshold_micros === null ? '' : moneyToText(micros(row.low_balance_threshold_micros)),
    lowBalanceEmail: row.low_balance_email,
    notes: row.notes,
  };
}

/** A client's form fields as its columns. */
function clientColumns(input: ClientData) {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    company: input.company,
    email: input.email,
    phone: input.phone,
    street: input.street,
    city: input.city,
    state: input.state,
    country: input.country,
    postal_code: input.postalCode,
    balance_mode: input.balanceMode,
    low_balance_threshold_micros: input.lowBalanceThreshold === '' ? null : input.lowBalanceThreshold,
    low_balance_email: input.lowBalanceEmail,
    notes: input.notes,
  };
}

/** The columns of the fields an update gives: each field maps to one column, so an absent field maps to undefined and is left out. */
function toColumns(input: Partial<ClientData>) {
  const columns = clientColumns(input as ClientData);
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)) as Partial<typeof columns>;
}

async function assertEmailFree(trx: Transaction<Database>, email: string, exceptId?: number): Promise<void> {
  let query = trx.selectFrom('clients').select('id').where('email', '=', email).where('status', '!=', 'closed');
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw fieldError('email', `Another client already uses ${email}`);
}

export async function loadClient(db: ServiceContext['db'], id: number): Promise<ClientRow> {
  const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Client ${id}`);
  return row;
}

/** One client as the edit form shows it. */
export async function getClient(ctx: ServiceContext, id: number): Promise<ClientView> {
  return toClientView(await loadClient(ctx.db, id));
}

export async function openClient(db: ServiceContext['db'], id: number): Promise<ClientRow> {
  const row = await loadClient(db, id);
  if (row.status === 'closed') throw new AppError('conflict', `${clientName(row)} is closed`);
  return row;
}

export async function createClient(ctx: ServiceContext, input: ClientData): Promise<ClientView> {
  return ctx.db.transaction().execute(async (trx) => {
    await assertEmailFree(trx, input.email);
    const now = isoNow(ctx);
    const threshold = input.lowBalanceThreshold === '' ? null : input.lowBalanceThreshold;
    const row = await trx
      .insertInto('clients')
      .values({
        ...clientColumns(input),
        search_text: clientSearchText(clientColumns(input)),
        // Guide: a HARD client "will be suspended if he is on zero or negative balance" — a new one starts at 0.
        status: statusFor(input.balanceMode, 'active', 0),
        below_threshold: threshold !== null && 0 < threshold ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Issue 12: signupClient (and its threshold) in the outbox, before the opening payment.
    await clientCreated(trx, row, now);
    if (!input.openingPayment) return toClientView(row);
    // Through the money door, in the client's own transaction: a HARD client paid up front starts active.
    await moneyDoor(ctx.store).post(
      trx,
      { clientId: row.id, kind: 'payment', amount: input.openingPayment, description: 'Opening payment', occurredOn: localDate(ctx.now()) },
      now,
    );
    return toClientView(await loadClient(trx, row.id));
  });
}

export async function updateClient(ctx: ServiceContext, input: ClientUpdateData): Promise<ClientView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { id, ...fields } = input;
    const current = await openClient(trx, id);
    if (fields.email !== undefined) await assertEmailFree(trx, fields.email, id);
    const mode = fields.balanceMode ?? current.balance_mode;
    const threshold =
      fields.lowBalanceThreshold === undefined ? current.low_balance_threshold_micros : fields.lowBalanceThreshold === '' ? null : fields.lowBalanceThreshold;
    const row = await trx
      .updateTable('clients')
      .set({
        ...toColumns(fields),
        search_text: clientSearchText({ ...current, ...toColumns(fields) }),
        // Switching SOFT ↔ HARD applies the rule to the current balance at once.
        status: statusFor(mode, current.status, current.balance_micros),
        below_threshold: threshold !== null && current.balance_micros < threshold ? 1 : 0,
        updated_at: isoNow(ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await clientUpdated(trx, current, row, row.updated_at);
    return toClientView(row);
  });
}

export async function listClients(ctx: ServiceContext, input: ClientListData): Promise<ClientSummary[]> {
  const options = input ?? { search: '', status: 'open', sort: 'name', direction: 'asc', negativeOnly: false };
  let query = ctx.db.selectFrom('clients').selectAll();
  if (options.status === 'open') query = query.where('status', '!=', 'closed');
  else if (options.status !== 'all') query = query.where('status', '=', options.status);
  if (options.negativeOnly) query = query.where('balance_micros', '<', 0);
  if (options.search !== '') {
    const pattern = `%${foldForSearch(options.search).replace(/[%_\\]/g, (match) => `\\${match}`)}%`;
    query = query.where('search_text', 'like', sql<string>`${pattern} escape '\\'`);
  }
  const direction = options.direction;
  if (options.sort === 'balance') query = query.orderBy('balance_micros', direction);
  else if (options.sort === 'created') query = query.orderBy('id', direction);
  else query = query.orderBy('last_name', direction).orderBy('first_name', direction);
  const rows = await query.limit(5000).execute();
  return rows.map(toSummary);
}

/**
 * Guide: "before [deleting] you need to be sure to unconnect any package or DID number".
 * A deleted client is closed, never erased: its ledger, calls and invoices stay.
 */
export async function deleteClient(ctx: ServiceContext, input: { id: number }): Promise<{ id: number; status: 'closed' }> {
  return ctx.db.transaction().execute(async (trx) => {
    const client = await openClient(trx, input.id);
    const packages = await trx
      .selectFrom('client_packages')
      .innerJoin('packages', 'packages.id', 'client_packages.package_id')
      .select('packages.name')
      .where('client_packages.client_id', '=', input.id)
      .where('client_packages.disconnected_at', 'is', null)
      .execute();
    const dids = await trx
      .selectFrom('did_assignments')
      .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
      .select('dids.number')
      .where('did_assignments.client_id', '=', input.id)
      .where('did_assignments.unassigned_at', 'is', null)
      .execute();
    const subaccounts = await trx
      .selectFrom('subaccounts')
      .select('username')
      .where('client_id', '=', input.id)
      .where('deleted_at', 'is', null)
      .execute();
    const connected = [
      ...packages.map((row) => `package "${row.name}"`),
      ...dids.map((row) => `DID +${row.number}`),
      ...subaccounts.map((row) => `sub account ${row.username}`),
    ];
    if (connected.length > 0) {
      throw new AppError('conflict', `${clientName(client)} still has ${connected.join(', ')}. Unconnect them first, then delete.`);
    }
    const now = isoNow(ctx);
    await trx.updateTable('clients').set({ status: 'closed', closed_at: now, updated_at: now }).where('id', '=', input.id).execute();
    await clientDeleted(trx, client, now);
    return { id: input.id, status: 'closed' as const };
  });
}
