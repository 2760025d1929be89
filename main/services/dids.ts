import type { Transaction } from 'kysely';
import { isNanpWithoutCountryCode, normalizePhoneNumber, stripPhoneFormatting } from '../../preload/common/phone';
import type { Database } from '../../db/schema';
import type { DidAssignmentView } from '../../preload/schemas/clients';
import type { DidAssignData, DidImportResult, DidInventoryView, DidUpdateData } from '../../preload/schemas/telephony';
import { localDate } from './clock';
import { AppError, fieldError, notFound } from '../errors';
import { micros, moneyToText, rateE8, rateToText } from '../money';
import { clientName, openClient } from './clients';
import { isoNow, type ServiceContext } from './context';
import { moneyDoor } from './ledger';
import { didConnected, didUnconnected } from '../sync/changes';

/**
 * E.164 digits without '+', through the one normaliser: a 10-digit NANP number gets its
 * country code 1. The provider's DIDs are NANP numbers, so '+5145551234' is read as a
 * stray '+' before ten NANP digits (a dialled number would be +51, Peru).
 */
export function canonicalDid(number: string): string {
  const text = stripPhoneFormatting(number);
  return normalizePhoneNumber(text.startsWith('+') && isNanpWithoutCountryCode(text.slice(1)) ? text.slice(1) : text);
}

export async function listDidInventory(ctx: ServiceContext): Promise<DidInventoryView[]> {
  const rows = await ctx.db
    .selectFrom('dids')
    .leftJoin('did_assignments', (join) => join.onRef('did_assignments.did_id', '=', 'dids.id').on('did_assignments.unassigned_at', 'is', null))
    .leftJoin('clients', 'clients.id', 'did_assignments.client_id')
    .leftJoin('client_packages', 'client_packages.id', 'did_assignments.client_package_id')
    .leftJoin('packages', 'packages.id', 'client_packages.package_id')
    .select([
      'dids.id',
      'dids.number',
      'dids.description',
      'dids.source',
      'clients.id as client_id',
      'clients.first_name',
      'clients.last_name',
      'clients.company',
      'packages.name as package_name',
      'did_assignments.minute_rate_e8',
      'did_assignments.monthly_fee_micros',
    ])
    .where('dids.removed_at', 'is', null)
    .orderBy('dids.number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    description: row.description,
    source: row.source,
    assignedTo:
      row.client_id === null
        ? null
        : {
            clientId: row.client_id,
            clientName: clientName({ first_name: row.first_name ?? '', last_name: row.last_name ?? '', company: row.company ?? '' }),
            packageName: row.package_name ?? '',
            minuteRate: rateToText(rateE8(row.minute_rate_e8 ?? 0)),
            monthlyFee: moneyToText(micros(row.monthly_fee_micros ?? 0)),
          },
  }));
}

/** Guide: "you need to order the number from your Customer Portal first" — this records numbers already ordered. */
export async function addDid(ctx: ServiceContext, input: { number: string; description: string }): Promise<DidInventoryView[]> {
  const number = canonicalDid(input.number);
  const exists = await ctx.db.selectFrom('dids').select(['id', 'removed_at']).where('number', '=', number).executeTakeFirst();
  if (exists && exists.removed_at === null) throw fieldError('number', `+${number} is already in your DID inventory`);
  if (exists) {
    // A number removed earlier and ordered again comes back, with its history.
    await ctx.db.updateTable('dids').set({ removed_at: null, description: input.description, source: 'manual' }).where('id', '=', exists.id).execute();
  } else {
    await ctx.db.insertInto('dids').values({ number, description: input.description, source: 'manual', created_at: isoNow(ctx) }).execute();
  }
  return listDidInventory(ctx);
}

async function inventoryDid(trx: Transaction<Database>, id: number) {
  const did = await trx.selectFrom('dids').select(['id', 'number']).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
  if (!did) throw notFound(`DID ${id}`);
  const assignment = await trx
    .selectFrom('did_assignments')
    .innerJoin('clients', 'clients.id', 'did_assignments.client_id')
    .select(['did_assignments.id', 'clients.first_name', 'clients.last_name', 'clients.company'])
    .where('did_assignments.did_id', '=', id)
    .where('did_assignments.unassigned_at', 'is', null)
    .executeTakeFirst();
  return { did, assignment };
}

/**
 * Edits a number of the inventory: its description, and for an assigned number the rates
 * of its assignment. A new per-minute rate applies to calls rated from now on (a re-rate
 * applies it to the open cycle), a new monthly fee from the next billing run.
 */
export async function updateDid(ctx: ServiceContext, input: DidUpdateData): Promise<DidInventoryView[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { did, assignment } = await inventoryDid(trx, input.id);
    if (input.description !== undefined) await trx.updateTable('dids').set({ description: input.description }).where('id', '=', did.id).execute();
    if (input.minuteRate === undefined && input.monthlyFee === undefined) return;
    if (!assignment) {
      throw fieldError(input.minuteRate !== undefined ? 'minuteRate' : 'monthlyFee', `+${did.number} is not assigned: its rates are set when you assign it to a client`);
    }
    const now = isoNow(ctx);
    const updated = await trx
      .updateTable('did_assignments')
      .set({
        ...(input.minuteRate !== undefined ? { minute_rate_e8: input.minuteRate } : {}),
        ...(input.monthlyFee !== undefined ? { monthly_fee_micros: input.monthlyFee } : {}),
      })
      .where('id', '=', assignment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // Issue 12: the provider keeps the DID's rates too (connectDID again, charging nothing), with this transaction.
    const connection = await loadOpenConnection(trx, updated.client_package_id);
    await didConnected(
      trx,
      {
        didId: did.id,
        number: did.number,
        clientId: updated.client_id,
        clientName: clientName(assignment),
        clientPackageId: updated.client_package_id,
        monthlyFeeMicros: updated.monthly_fee_micros,
        setupFeeMicros: updated.setup_fee_micros,
        minuteRateE8: updated.minute_rate_e8,
        nextBilling: connection.next_billing_date,
      },
      now,
      'rates',
    );
  });
  return listDidInventory(ctx);
}

/** Removes a number given back to the provider; one still assigned is unassigned first, from its client's page. */
export async function removeDid(ctx: ServiceContext, input: { id: number }): Promise<DidInventoryView[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { did, assignment } = await inventoryDid(trx, input.id);
    if (assignment) throw new AppError('conflict', `+${did.number} is assigned to ${clientName(assignment)}: unassign it from the client's page first`);
    await trx.updateTable('dids').set({ removed_at: isoNow(ctx) }).where('id', '=', did.id).execute();
  });
  return listDidInventory(ctx);
}

/** One number per line, optionally followed by a comma and a description. Idempotent. */
export async function importDids(ctx: ServiceContext, input: { text: string }): Promise<DidImportResult> {
  const rejected: DidImportResult['rejected'] = [];
  const wanted = new Map<string, string>();
  input.text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || /^number\b/i.test(line)) return;
    const [numberText = '', ...rest] = line.split(',');
    const digits = stripPhoneFormatting(numberText.trim());
    if (!/^\+?\d{10,15}$/.test(digits)) {
      rejected.push({ line: index + 1, reason: `"${numberText.trim()}" is not a phone number` });
      return;
    }
    wanted.set(canonicalDid(digits), rest.join(',').trim().replace(/^"|"$/g, ''));
  });
  let added = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (const [number, description] of wanted) {
      const result = await trx
        .insertInto('dids')
        .values({ number, description, source: 'import', created_at: isoNow(ctx) })
        .onConflict((oc) => oc.column('number').doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      // A number removed earlier comes back.
      const restored = await trx.updateTable('dids').set({ removed_at: null, description, source: 'import' }).where('number', '=', number).where('removed_at', 'is not', null).executeTakeFirst();
      added += Number(restored.numUpdatedRows);
    }
  });
  return { added, alreadyThere: wanted.size - added, rejected };
}

async function loadOpenConnection(trx: Transaction<Database>, clientPackageId: number) {
  const connection = await trx
    .selectFrom('client_packages')
    .innerJoin('packages', 'packages.id', 'client_packages.package_id')
    .select(['client_packages.id', 'client_packages.client_id', 'client_packages.disconnected_at', 'client_packages.next_billing_date', 'packages.name'])
    .where('client_packages.id', '=', clientPackageId)
    .executeTakeFirst();
  if (!connection || connection.disconnected_at !== null) throw fieldError('clientPackageId', 'Choose a package connected to the client');
  return connection;
}

/**
 * Guide: "Add phone numbers to your clients" under the client's package, with a per-minute
 * rate and/or monthly fee (inbound calls are charged independently from outgoing calls).
 */
export async function assignDid(ctx: ServiceContext, input: DidAssignData): Promise<DidAssignmentView[]> {
  const clientId = await ctx.db.transaction().execute(async (trx) => {
    const number = canonicalDid(input.number);
    const did = await trx.selectFrom('dids').select(['id']).where('number', '=', number).where('removed_at', 'is', null).executeTakeFirst();
    if (!did) throw fieldError('number', `+${number} is not in your DID inventory: order it from the provider first, then add it`);
    const taken = await trx
      .selectFrom('did_assignments')
      .innerJoin('clients', 'clients.id', 'did_assignments.client_id')
      .select(['clients.first_name', 'clients.last_name', 'clients.company'])
      .where('did_id', '=', did.id)
      .where('unassigned_at', 'is', null)
      .executeTakeFirst();
    if (taken) throw fieldError('number', `+${number} is already assigned to ${clientName(taken)}`);
    const connection = await loadOpenConnection(trx, input.clientPackageId);
    const client = await openClient(trx, connection.client_id);
    const now = isoNow(ctx);
    const setupFee = input.setupFee ?? micros(0);
    const { id } = await trx
      .insertInto('did_assignments')
      .values({
        did_id: did.id,
        client_id: connection.client_id,
        client_package_id: connection.id,
        minute_rate_e8: input.minuteRate,
        monthly_fee_micros: input.monthlyFee,
        setup_fee_micros: setupFee,
        assigned_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Issue 12: connectDID in the outbox, with this transaction.
    await didConnected(
      trx,
      {
        didId: did.id,
        number,
        clientId: connection.client_id,
        clientName: clientName(client),
        clientPackageId: connection.id,
        monthlyFeeMicros: input.monthlyFee,
        setupFeeMicros: setupFee,
        minuteRateE8: input.minuteRate,
        nextBilling: connection.next_billing_date,
      },
      now,
    );
    if (setupFee > 0) {
      await moneyDoor(ctx.store).post(
        trx,
        {
          clientId: connection.client_id,
          kind: 'did_setup_fee',
          amount: micros(-setupFee),
          description: `DID setup fee: +${number}`,
          occurredOn: localDate(ctx.now()),
          reference: `did-setup:${id}`,
          didAssignmentId: id,
        },
        now,
      );
    }
    return connection.client_id;
  });
  return clientDids(ctx, clientId);
}

export async function unassignDid(ctx: ServiceContext, input: { id: number }): Promise<DidAssignmentView[]> {
  const clientId = await ctx.db.transaction().execute(async (trx) => {
    const assignment = await trx
      .selectFrom('did_assignments')
      .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
      .innerJoin('clients', 'clients.id', 'did_assignments.client_id')
      .select(['did_assignments.did_id', 'did_assignments.client_id', 'did_assignments.unassigned_at', 'dids.number', 'clients.first_name', 'clients.last_name', 'clients.company'])
      .where('did_assignments.id', '=', input.id)
      .executeTakeFirst();
    if (!assignment || assignment.unassigned_at !== null) throw notFound(`DID assignment ${input.id}`);
    const now = isoNow(ctx);
    const result = await trx
      .updateTable('did_assignments')
      .set({ unassigned_at: now })
      .where('id', '=', input.id)
      .where('unassigned_at', 'is', null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('conflict', 'That DID was just unassigned');
    // Issue 12: unconnectDID in the outbox, with this transaction.
    await didUnconnected(trx, { didId: assignment.did_id, number: assignment.number, clientId: assignment.client_id, clientName: clientName(assignment) }, now);
    return assignment.client_id;
  });
  return clientDids(ctx, clientId);
}

export async function clientDids(ctx: ServiceContext, clientId: number): Promise<DidAssignmentView[]> {
  const rows = await ctx.db
    .selectFrom('did_assignments')
    .innerJoin('dids', 'dids.id', 'did_assignments.did_id')
    .innerJoin('client_packages', 'client_packages.id', 'did_assignments.client_package_id')
    .innerJoin('packages', 'packages.id', 'client_packages.package_id')
    .select([
      'did_assignments.id',
      'did_assignments.did_id',
      'dids.number',
      'did_assignments.client_id',
      'did_assignments.client_package_id',
      'packages.name',
      'did_assignments.minute_rate_e8',
      'did_assignments.monthly_fee_micros',
      'did_assignments.setup_fee_micros',
      'did_assignments.assigned_at',
    ])
    .where('did_assignments.client_id', '=', clientId)
    .where('did_assignments.unassigned_at', 'is', null)
    .orderBy('dids.number')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    didId: row.did_id,
    number: row.number,
    clientId: row.client_id,
    clientPackageId: row.client_package_id,
    packageName: row.name,
    minuteRate: rateToText(rateE8(row.minute_rate_e8)),
    monthlyFee: moneyToText(micros(row.monthly_fee_micros)),
    setupFee: moneyToText(micros(row.setup_fee_micros)),
    assignedAt: row.assigned_at,
  }));
}
