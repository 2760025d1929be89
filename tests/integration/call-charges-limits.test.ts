import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { micros } from '../../main/money';
import { postCallCharges } from '../../main/services/calls/callCharges';
import { importInto } from '../../main/services/calls/importInto';
import { postCallChargesPg } from '../../main/services/calls/pg/callCharges';
import { moneyDoor } from '../../main/services/ledger';
import { onAppStart } from '../../main/services/startup';
import { MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

// Issue 9 ("money limits"): the call charges of every client go through the ledger door in
// one batch; one client-day the door refuses must not hold back everybody else's.
let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { ok } = channelCaller(() => temp.table);
const now = () => FIXED_NOW;
const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const basicPackage = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '0', setupFee: '0' };

async function clientWithAccount(firstName: string, username: string, packageId: number): Promise<{ id: number; account: string }> {
  const id = (await ok<{ id: number }>('clients.create', { firstName, lastName: 'Test', email: `${username}@example.com`, balanceMode: 'soft' })).id;
  const [connection] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: id, packageId, nextBillingDate: '2026-12-01' });
  const { account } = await ok<{ account: string }>('subaccounts.create', { username, clientId: id, clientPackageId: connection!.id });
  return { id, account };
}

/** Takes a client's balance to exactly −1,000,000,000.00, the limit: any further charge is refused. */
async function fillToLimit(clientId: number): Promise<void> {
  const full = Array.from({ length: MAX_BALANCE_MICROS / MAX_ENTRY_MICROS }, () => ({
    clientId,
    kind: 'charge' as const,
    amount: micros(-MAX_ENTRY_MICROS),
    description: 'big',
    occurredOn: '2026-11-01',
  }));
  await temp.store.db.transaction().execute((trx) => moneyDoor(temp.store).append(trx, full, FIXED_NOW.toISOString()));
}

async function importLines(lines: string[]) {
  const csv = `${HEADER}\n${lines.join('\n')}\n`;
  return importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv'), { source: 'test', format: 'voipms-csv', now });
}

/** The call charges posted from the dirty list, on either store (what an import's end and a start do). */
const postCharges = () => (temp.store.dialect === 'postgres' ? postCallChargesPg(temp.store, now) : postCallCharges(temp.store, now));

const minuteCall = (account: string, when: string, id: string) => `${when},5145550100,15145551234,Outgoing,${account},ANSWERED,00:01:00,60,0.01,0.01,${id}`;

function pendingDays(): Promise<{ client_id: number; day: string }[]> {
  return temp.store.db.selectFrom('call_charge_dirty').select(['client_id', 'day']).orderBy('client_id').orderBy('day').execute();
}

/** The money laws for posted days: balance = sum of ledger; a day's call entries = its rated charges. */
async function expectExact(clientId: number, postedDays: string[]): Promise<void> {
  const { db } = temp.store;
  const { balance } = await db.selectFrom('clients').select('balance_micros as balance').where('id', '=', clientId).executeTakeFirstOrThrow();
  const { total } = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_micros'), eb.lit(0)).as('total'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  expect(balance).toBe(Number(total));
  for (const day of postedDays) {
    const { posted } = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_micros'), eb.lit(0)).as('posted'))
      .where('client_id', '=', clientId)
      .where('kind', '=', 'calls')
      .where('occurred_on', '=', day)
      .executeTakeFirstOrThrow();
    const { charged } = await db
      .selectFrom('calls')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('charge_micros'), eb.lit(0)).as('charged'))
      .where('client_id', '=', clientId)
      .where('status', '=', 'rated')
      .where(sql<string>`substr(started_at, 1, 10)`, '=', day)
      .executeTakeFirstOrThrow();
    expect(Number(charged)).toBeGreaterThan(0);
    expect(Number(posted)).toBe(-Number(charged));
  }
}

async function callEntries(clientId: number): Promise<number> {
  const { n } = await temp.store.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('kind', '=', 'calls')
    .executeTakeFirstOrThrow();
  return Number(n);
}

describe('call charges at the balance limit (issue 9)', () => {
  it("a refused client-day is set aside, reported and kept pending; the other clients' days are posted; it posts once the balance is back", async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const full = await clientWithAccount('Alice', 'alice1', pkg);
    const fine = await clientWithAccount('Bob', 'bob1', pkg);
    await fillToLimit(full.id);

    const progress = await importLines([
      minuteCall(full.account, '2026-11-20 10:00:00', 'a-1'),
      minuteCall(full.account, '2026-11-21 10:00:00', 'a-2'),
      minuteCall(fine.account, '2026-11-20 11:00:00', 'b-1'),
    ]);
    expect(progress).toMatchObject({ status: 'done', added: 3, rated: 3 });
    // The import says so itself (its view and its history row).
    expect(progress.message).toMatch(/Call charges of 2 client-days were not posted.*Alice Test/);

    // Bob's day is charged (0.012 for the minute), exactly.
    expect((await ok<{ balance: string }>('clients.get', { id: fine.id })).balance).toBe('-0.012000');
    await expectExact(fine.id, ['2026-11-20']);
    // Alice's days are not posted, not lost: still on the dirty list, her balance untouched.
    expect(await callEntries(full.id)).toBe(0);
    expect((await ok<{ balance: string }>('clients.get', { id: full.id })).balance).toBe('-1000000000.000000');
    expect(await pendingDays()).toEqual([
      { client_id: full.id, day: '2026-11-20' },
      { client_id: full.id, day: '2026-11-21' },
    ]);
    await expectExact(full.id, []);

    // Posting again reports what is still set aside (client, day, the door's reason), and writes nothing twice.
    const again = await postCharges();
    expect(again.entries).toBe(0);
    expect(again.setAside).toEqual([
      { clientId: full.id, clientName: 'Alice Test', day: '2026-11-20', message: expect.stringMatching(/Alice Test's balance.*1,000,000,000\.00/) },
      { clientId: full.id, clientName: 'Alice Test', day: '2026-11-21', message: expect.stringMatching(/Alice Test's balance/) },
    ]);
    expect(await callEntries(fine.id)).toBe(1);

    // The client's notices say so, once while unread.
    const notices = await ok<{ clientId: number; kind: string; message: string }[]>('notices.list', { clientId: full.id });
    const setAside = notices.filter((notice) => /not charged yet/.test(notice.message));
    expect(setAside).toHaveLength(1);
    expect(setAside[0]).toMatchObject({ kind: 'billing', message: expect.stringMatching(/Alice Test's calls of 2 days \(2026-11-20, 2026-11-21\)/) });
    expect((await ok<unknown[]>('notices.list', { clientId: fine.id })).length).toBe(0);

    // A payment brings the balance back in range: the next posting charges both days.
    await ok('clients.payment', { clientId: full.id, amount: '1000' });
    const posted = await postCharges();
    expect(posted).toMatchObject({ entries: 2, clients: 1, setAside: [] });
    expect(await pendingDays()).toEqual([]);
    await expectExact(full.id, ['2026-11-20', '2026-11-21']);
    expect((await ok<{ balance: string }>('clients.get', { id: full.id })).balance).toBe('-999999000.024000');
    await expectExact(fine.id, ['2026-11-20']);
  });

  it('only the refused days of a client are set aside: a day that fits is posted beside them', async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const alice = await clientWithAccount('Alice', 'alice1', pkg);
    await fillToLimit(alice.id);
    // 0.015 back: room for one minute (0.012), not two.
    await temp.store.db
      .transaction()
      .execute((trx) => moneyDoor(temp.store).post(trx, { clientId: alice.id, kind: 'payment', amount: micros(15_000), description: 'some room', occurredOn: '2026-11-01' }, FIXED_NOW.toISOString()));
    await importLines([minuteCall(alice.account, '2026-11-20 10:00:00', 'a-1'), minuteCall(alice.account, '2026-11-21 10:00:00', 'a-2')]);
    await expectExact(alice.id, ['2026-11-20']);
    expect(await pendingDays()).toEqual([{ client_id: alice.id, day: '2026-11-21' }]);
    expect((await ok<{ balance: string }>('clients.get', { id: alice.id })).balance).toBe('-999999999.997000');
  });

  it('a start names a client-day still set aside in its report and its log, and goes on', async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const full = await clientWithAccount('Alice', 'alice1', pkg);
    const fine = await clientWithAccount('Bob', 'bob1', pkg);
    await fillToLimit(full.id);
    await importLines([minuteCall(full.account, '2026-11-20 10:00:00', 'a-1'), minuteCall(fine.account, '2026-11-20 11:00:00', 'b-1')]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const report = await onAppStart(temp.store, () => new Date('2026-11-26T12:00:00.000Z'));
      expect(report.callChargesSetAside).toEqual([{ clientId: full.id, clientName: 'Alice Test', day: '2026-11-20', message: expect.stringMatching(/balance/) }]);
      expect(warn.mock.calls.flat().join(' ')).toMatch(/not posted.*Alice Test \(2026-11-20/);
    } finally {
      warn.mockRestore();
    }
    await expectExact(fine.id, ['2026-11-20']);
    expect(await pendingDays()).toEqual([{ client_id: full.id, day: '2026-11-20' }]);
  });
});
