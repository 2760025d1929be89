import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { micros } from '../../main/money';
import { postCallCharges } from '../../main/services/calls/callCharges';
import { importCalls } from '../../main/services/calls/importCalls';
import { ledgerDoor } from '../../main/services/ledger';
import { onAppStart } from '../../main/services/startup';
import { MAX_BALANCE_MICROS, MAX_ENTRY_MICROS } from '../../preload/common/limits';
import { channelCaller } from '../helpers/channels';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { asSqlite } from '../helpers/sqliteOnly';

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
function fillToLimit(clientId: number): void {
  const full = Array.from({ length: MAX_BALANCE_MICROS / MAX_ENTRY_MICROS }, () => ({
    clientId,
    kind: 'charge' as const,
    amount: micros(-MAX_ENTRY_MICROS),
    description: 'big',
    occurredOn: '2026-11-01',
  }));
  ledgerDoor(asSqlite(temp.store)).append(full, FIXED_NOW.toISOString());
}

async function importLines(lines: string[]) {
  const csv = `${HEADER}\n${lines.join('\n')}\n`;
  return importCalls(asSqlite(temp.store), parseCdrStream(Readable.from([csv]), 'voipms-csv'), { source: 'test', format: 'voipms-csv', now });
}

const minuteCall = (account: string, when: string, id: string) => `${when},5145550100,15145551234,Outgoing,${account},ANSWERED,00:01:00,60,0.01,0.01,${id}`;

function pendingDays(): { client_id: number; day: string }[] {
  return asSqlite(temp.store).sqlite.prepare('select client_id, day from call_charge_dirty order by client_id, day').all() as { client_id: number; day: string }[];
}

/** The money laws for posted days: balance = sum of ledger; a day's call entries = its rated charges. */
function expectExact(clientId: number, postedDays: string[]): void {
  const { sqlite } = asSqlite(temp.store);
  const { balance } = sqlite.prepare('select balance_micros as balance from clients where id = ?').get(clientId) as { balance: number };
  const { total } = sqlite.prepare('select coalesce(sum(amount_micros), 0) as total from ledger_entries where client_id = ?').get(clientId) as { total: number };
  expect(balance).toBe(total);
  for (const day of postedDays) {
    const { posted } = sqlite
      .prepare(`select coalesce(sum(amount_micros), 0) as posted from ledger_entries where client_id = ? and kind = 'calls' and occurred_on = ?`)
      .get(clientId, day) as { posted: number };
    const { charged } = sqlite
      .prepare(`select coalesce(sum(charge_micros), 0) as charged from calls where client_id = ? and status = 'rated' and substr(started_at, 1, 10) = ?`)
      .get(clientId, day) as { charged: number };
    expect(charged).toBeGreaterThan(0);
    expect(posted).toBe(-charged);
  }
}

function callEntries(clientId: number): number {
  return (asSqlite(temp.store).sqlite.prepare(`select count(*) as n from ledger_entries where client_id = ? and kind = 'calls'`).get(clientId) as { n: number }).n;
}

describe('call charges at the balance limit (issue 9)', () => {
  it("a refused client-day is set aside, reported and kept pending; the other clients' days are posted; it posts once the balance is back", async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const full = await clientWithAccount('Alice', 'alice1', pkg);
    const fine = await clientWithAccount('Bob', 'bob1', pkg);
    fillToLimit(full.id);

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
    expectExact(fine.id, ['2026-11-20']);
    // Alice's days are not posted, not lost: still on the dirty list, her balance untouched.
    expect(callEntries(full.id)).toBe(0);
    expect((await ok<{ balance: string }>('clients.get', { id: full.id })).balance).toBe('-1000000000.000000');
    expect(pendingDays()).toEqual([
      { client_id: full.id, day: '2026-11-20' },
      { client_id: full.id, day: '2026-11-21' },
    ]);
    expectExact(full.id, []);

    // Posting again reports what is still set aside (client, day, the door's reason), and writes nothing twice.
    const again = await postCallCharges(asSqlite(temp.store), now);
    expect(again.entries).toBe(0);
    expect(again.setAside).toEqual([
      { clientId: full.id, clientName: 'Alice Test', day: '2026-11-20', message: expect.stringMatching(/Alice Test's balance.*1,000,000,000\.00/) },
      { clientId: full.id, clientName: 'Alice Test', day: '2026-11-21', message: expect.stringMatching(/Alice Test's balance/) },
    ]);
    expect(callEntries(fine.id)).toBe(1);

    // The client's notices say so, once while unread.
    const notices = await ok<{ clientId: number; kind: string; message: string }[]>('notices.list', { clientId: full.id });
    const setAside = notices.filter((notice) => /not charged yet/.test(notice.message));
    expect(setAside).toHaveLength(1);
    expect(setAside[0]).toMatchObject({ kind: 'billing', message: expect.stringMatching(/Alice Test's calls of 2 days \(2026-11-20, 2026-11-21\)/) });
    expect((await ok<unknown[]>('notices.list', { clientId: fine.id })).length).toBe(0);

    // A payment brings the balance back in range: the next posting charges both days.
    await ok('clients.payment', { clientId: full.id, amount: '1000' });
    const posted = await postCallCharges(asSqlite(temp.store), now);
    expect(posted).toMatchObject({ entries: 2, clients: 1, setAside: [] });
    expect(pendingDays()).toEqual([]);
    expectExact(full.id, ['2026-11-20', '2026-11-21']);
    expect((await ok<{ balance: string }>('clients.get', { id: full.id })).balance).toBe('-999999000.024000');
    expectExact(fine.id, ['2026-11-20']);
  });

  it('only the refused days of a client are set aside: a day that fits is posted beside them', async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const alice = await clientWithAccount('Alice', 'alice1', pkg);
    fillToLimit(alice.id);
    // 0.015 back: room for one minute (0.012), not two.
    ledgerDoor(asSqlite(temp.store)).post({ clientId: alice.id, kind: 'payment', amount: micros(15_000), description: 'some room', occurredOn: '2026-11-01' }, FIXED_NOW.toISOString());
    await importLines([minuteCall(alice.account, '2026-11-20 10:00:00', 'a-1'), minuteCall(alice.account, '2026-11-21 10:00:00', 'a-2')]);
    expectExact(alice.id, ['2026-11-20']);
    expect(pendingDays()).toEqual([{ client_id: alice.id, day: '2026-11-21' }]);
    expect((await ok<{ balance: string }>('clients.get', { id: alice.id })).balance).toBe('-999999999.997000');
  });

  it('a start names a client-day still set aside in its report and its log, and goes on', async () => {
    const pkg = (await ok<{ id: number }>('packages.create', basicPackage)).id;
    const full = await clientWithAccount('Alice', 'alice1', pkg);
    const fine = await clientWithAccount('Bob', 'bob1', pkg);
    fillToLimit(full.id);
    await importLines([minuteCall(full.account, '2026-11-20 10:00:00', 'a-1'), minuteCall(fine.account, '2026-11-20 11:00:00', 'b-1')]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const report = await onAppStart(asSqlite(temp.store), () => new Date('2026-11-26T12:00:00.000Z'));
      expect(report.callChargesSetAside).toEqual([{ clientId: full.id, clientName: 'Alice Test', day: '2026-11-20', message: expect.stringMatching(/balance/) }]);
      expect(warn.mock.calls.flat().join(' ')).toMatch(/not posted.*Alice Test \(2026-11-20/);
    } finally {
      warn.mockRestore();
    }
    expectExact(fine.id, ['2026-11-20']);
    expect(pendingDays()).toEqual([{ client_id: full.id, day: '2026-11-20' }]);
  });
});
