import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCdrStream } from '../../main/cdr';
import { onAppStart } from '../../main/services/startup';
import { dispatch } from '../../main/handlers/table';
import { createHandlerTable } from '../../main/handlers/index';
import { EventBus } from '../../main/events';
import type { AppEvents, EventName } from '../../preload/events';
import { channelCaller } from '../helpers/channels';
import { tempStore, type TempStore } from '../helpers/store';
import { refuseRows } from '../helpers/refuseRows';
import { importInto } from '../../main/services/calls/importInto';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const { ok } = channelCaller(() => temp.table);

const HEADER = 'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid';
const line = (date: string, destination: string, seconds: number, id: string, options: { account?: string; inbound?: boolean; rate?: string; total?: string } = {}) =>
  [
    date,
    '"""Alice"" <5145550100>"',
    destination,
    options.inbound ? 'Inbound DID' : 'Outgoing to Canada - Quebec',
    options.account ?? '100000_alice',
    seconds > 0 ? 'ANSWERED' : 'NO ANSWER',
    '00:00:00',
    String(seconds),
    options.rate ?? '0.01000000',
    options.total ?? '0.01000000',
    id,
  ].join(',');

async function run(csv: string) {
  return importInto(temp.store, parseCdrStream(Readable.from([csv]), 'voipms-csv', { batchSize: 3 }), { source: 'test', format: 'voipms-csv', now: () => new Date('2026-11-25T12:00:00Z') });
}

/** Alice: HARD, package with 20 % markup, pulse 60, free minutes as given, Canada free zone. */
async function alice(freeMinutes = 0) {
  const pkg = await ok<{ id: number }>('packages.create', { name: 'Home', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, freeMinutes });
  await ok('packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'canada', value: '', rate: '0.02', freeZone: true }] });
  const client = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'hard' });
  await ok('clients.payment', { clientId: client.id, amount: '10' });
  await ok('subaccounts.create', { username: 'alice', clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-12-01' });
  return client.id;
}

async function calls() {
  return temp.store.db.selectFrom('calls').selectAll().orderBy('started_at').orderBy('call_id').execute();
}

describe('call import', () => {
  it('rates, persists, posts one ledger entry per client-day, and is idempotent', async () => {
    const clientId = await alice();
    const csv = [HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'c1'), line('2026-11-26 11:00:00', '447700900123', 30, 'c2', { rate: '0.05000000', total: '0.02500000' }), line('2026-11-27 09:00:00', '15145551234', 0, 'c3')].join('\n');
    const first = await run(csv);
    expect(first).toMatchObject({ status: 'done', added: 3, duplicates: 0, rejected: 0, rated: 3, unrated: 0 });
    const rows = await calls();
    // Canada custom rate 0.02, pulse 60: 61 s → 120 s → 0.04; UK by markup: 0.05 × 1.2 = 0.06, 30 s → 60 s → 0.06.
    expect(rows.map((row) => [row.call_id, row.rule, row.billed_seconds, row.charge_micros, row.cost_micros])).toEqual([
      ['c1', 'custom_rate', 120, 40_000, 10_000],
      ['c2', 'markup', 60, 60_000, 25_000],
      ['c3', 'unanswered', 0, 0, 10_000],
    ]);
    const { ledger } = await ok<{ ledger: { kind: string; amount: string; description: string }[] }>('clients.manage', { id: clientId });
    // The unanswered call of the 27th costs nothing, so that day gets no entry.
    expect(ledger.filter((entry) => entry.kind === 'Calls').map((entry) => [entry.amount, entry.description])).toEqual([
      ['-0.100000', 'Calls on 2026-11-26: 2 rated calls'],
    ]);
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.900000');

    // The import's transactions skip the foreign key lookups on SQLite; the connection has them back.
    const store = temp.store;
    if (store.dialect === 'sqlite') expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(await temp.store.db.selectFrom('calls').select('id').where('subaccount_id', 'not in', (eb) => eb.selectFrom('subaccounts').select('id')).execute()).toEqual([]);
    const again = await run(csv);
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
    expect(await calls()).toHaveLength(3);
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.900000');
  });

  it('posts each client-day exactly, days close together or far apart, and corrects a day a later import adds to', async () => {
    const clientId = await alice();
    await ok('clients.payment', { clientId, amount: '90' });
    // Days read in ranges of a client's close days (callCharges.ts): the 1st–4th, then the 20th, then 10 months on.
    const days = ['2026-01-01', '2026-01-03', '2026-01-04', '2026-01-20', '2026-11-26'];
    const first = [HEADER, ...days.flatMap((day, k) => [line(`${day} 10:00:00`, '15145551234', 61, `d${k}a`), line(`${day} 11:00:00`, '15145551234', 120, `d${k}b`)])].join('\n');
    expect(await run(first)).toMatchObject({ status: 'done', added: 10 });
    await run([HEADER, line('2026-01-03 12:00:00', '15145551234', 30, 'late')].join('\n'));
    const perDay = await temp.store.db
      .selectFrom('ledger_entries')
      .select(['occurred_on', (eb) => eb.fn.sum<number>('amount_micros').as('posted'), (eb) => eb.fn.countAll<number>().as('entries')])
      .where('client_id', '=', clientId)
      .where('kind', '=', 'calls')
      .groupBy('occurred_on')
      .orderBy('occurred_on')
      .execute();
    // 61 s → 2 minutes, 120 s → 2 minutes at 0.02: 0.08 a day; the late 30 s call adds 0.02 to the 3rd in a second entry.
    expect(perDay).toEqual(days.map((day) => ({ occurred_on: day, posted: day === '2026-01-03' ? -100_000 : -80_000, entries: day === '2026-01-03' ? 2 : 1 })));
    expect(await temp.store.db.selectFrom('call_charge_dirty').selectAll().execute()).toEqual([]);
  });

  it('keeps unknown sub accounts as unrated with the reason, and bad rows with their line numbers', async () => {
    await alice();
    const csv = [
      HEADER,
      line('2026-11-26 10:00:00', '15145551234', 61, 'c1', { account: '100000_bob' }),
      line('2026-02-30 10:00:00', '15145551234', 61, 'bad-date'),
      line('2026-11-26 10:05:00', '15145551234', -4, 'bad-seconds'),
      line('2026-11-26 10:06:00', '15145551234', 30, 'ok'),
    ].join('\n');
    const result = await run(csv);
    expect(result).toMatchObject({ added: 2, rejected: 2, rated: 1, unrated: 1 });
    expect(result.rejects.map((reject) => reject.line)).toEqual([3, 4]);
    const unrated = (await calls()).find((row) => row.call_id === 'c1')!;
    expect(unrated).toMatchObject({ status: 'unrated', charge_micros: 0 });
    expect(unrated.unrated_reason).toContain('100000_bob');
  });

  it('unrated calls become rated after the cause is fixed, with one action', async () => {
    const clientId = await alice();
    await run([HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'u1', { account: '100000_bob' }), line('2026-11-26 10:05:00', '15145551234', 61, 'u2', { account: '100000_bob' })].join('\n'));
    expect(await ok('calls.rerateUnrated')).toEqual({ rated: 0, stillUnrated: 2 });
    const pkg = await ok<{ id: number }[]>('packages.list').then((list) => list[0]!);
    await ok('subaccounts.create', { username: 'bob', clientId, packageId: pkg.id, nextBillingDate: '2026-12-01' });
    expect(await ok('calls.rerateUnrated')).toEqual({ rated: 2, stillUnrated: 0 });
    expect((await calls()).map((row) => [row.call_id, row.status, row.charge_micros])).toEqual([
      ['u1', 'rated', 40_000],
      ['u2', 'rated', 40_000],
    ]);
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.920000');
  });

  it('a package change re-rates open cycles on request, after a preview of the difference per client', async () => {
    const clientId = await alice();
    await run([HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'a'), line('2026-11-26 11:00:00', '15145551234', 30, 'b')].join('\n'));
    const pkg = await ok<{ id: number }[]>('packages.list').then((list) => list[0]!);
    await ok('packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'canada', value: '', rate: '0.03', freeZone: true }] });
    const preview = await ok<{ applied: boolean; differences: unknown[] }>('calls.rerate', { packageId: pkg.id });
    // 0.02 → 0.03 a minute: a (120 s) 0.04 → 0.06, b (60 s) 0.02 → 0.03.
    expect(preview).toMatchObject({ applied: false, differences: [{ clientId, calls: 2, before: '0.060000', after: '0.090000', difference: '0.030000' }] });
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.940000');
    await ok('calls.rerate', { packageId: pkg.id, apply: true });
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.910000');
  });

  it('a late call re-rates the open cycle: free minutes are allocated chronologically', async () => {
    const clientId = await alice(2);
    // 10:00 and 11:00 calls to Canada (free zone), 61 s each = 2 minutes each.
    await run([HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'a'), line('2026-11-26 11:00:00', '15145551234', 61, 'b')].join('\n'));
    let rows = await calls();
    expect(rows.map((row) => [row.call_id, row.free_minutes_used, row.charge_micros])).toEqual([
      ['a', 2, 0],
      ['b', 0, 40_000],
    ]);
    // A call at 09:00 arrives late: it takes the free minutes, and "a" becomes billable.
    const late = await run([HEADER, line('2026-11-26 09:00:00', '15145551234', 30, 'early')].join('\n'));
    expect(late).toMatchObject({ added: 1, rerated: 3 });
    rows = await calls();
    expect(rows.map((row) => [row.call_id, row.free_minutes_used, row.charge_micros])).toEqual([
      ['early', 1, 0],
      ['a', 1, 20_000],
      ['b', 0, 40_000],
    ]);
    // The ledger follows: 0.04 then a correcting −0.02; the balance is exact.
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.940000');
    const sum = await sql<{ total: number }>`select sum(amount_micros) as total from ledger_entries where client_id = ${clientId}`.execute(temp.store.db);
    expect(Number(sum.rows[0]!.total)).toBe(9_940_000);
  });

  it('a late call whose cycle could not be rated again stays noted, and the next start rates it', async () => {
    const clientId = await alice(2);
    await run([HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'a'), line('2026-11-26 11:00:00', '15145551234', 61, 'b')].join('\n'));
    // The process dies between storing the late call and rating its cycle again (here: the
    // note cannot be deleted, so the cycle's transaction rolls back).
    const letNotesGo = await refuseRows(temp.store, 'keep_note', { table: 'rating_pending', event: 'delete', message: 'simulated crash' });
    const late = await run([HEADER, line('2026-11-26 09:00:00', '15145551234', 30, 'early')].join('\n'));
    expect(late).toMatchObject({ status: 'failed', added: 1, message: expect.stringContaining('simulated crash') });
    // The late call is stored, rated as if it came last, and its cycle noted from it.
    expect((await calls()).map((row) => [row.call_id, row.free_minutes_used])).toEqual([
      ['early', 0],
      ['a', 2],
      ['b', 0],
    ]);
    expect(await temp.store.db.selectFrom('rating_pending').select(['cycle_start', 'from_call_id']).execute()).toEqual([{ cycle_start: '2026-11-25', from_call_id: 'early' }]);
    await letNotesGo();
    await onAppStart(temp.store, () => new Date('2026-11-27T12:00:00Z'));
    expect((await calls()).map((row) => [row.call_id, row.free_minutes_used, row.charge_micros])).toEqual([
      ['early', 1, 0],
      ['a', 1, 20_000],
      ['b', 0, 40_000],
    ]);
    expect(await temp.store.db.selectFrom('rating_pending').selectAll().execute()).toEqual([]);
    expect((await ok<{ balance: string }>('clients.get', { id: clientId })).balance).toBe('9.940000');
  });

  it('rating does not depend on import order', async () => {
    await alice(3);
    const lines = [
      line('2026-11-26 10:00:00', '15145551234', 61, 'a'),
      line('2026-11-26 11:00:00', '15145551234', 125, 'b'),
      line('2026-11-27 09:00:00', '447700900123', 30, 'c', { rate: '0.05000000', total: '0.02500000' }),
      line('2026-11-28 09:00:00', '15145550100', 100, 'd', { inbound: true }),
      line('2026-11-28 08:00:00', '15145551234', 20, 'e'),
    ];
    await run([HEADER, ...lines].join('\n'));
    const inOrder = (await calls()).map((row) => [row.call_id, row.free_minutes_used, row.charge_micros]);
    await temp.cleanup();
    temp = await tempStore();
    await alice(3);
    for (const single of [...lines].reverse()) await run([HEADER, single].join('\n'));
    expect((await calls()).map((row) => [row.call_id, row.free_minutes_used, row.charge_micros])).toEqual(inOrder);
  });

  it('has no channel that reads a path the window names: a file main reads is one its Open dialog chose (a grant)', async () => {
    expect(await dispatch(temp.table, 'calls.importFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(temp.table, 'calls.importFile', { grant: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(temp.table, 'calls.importFile', { grant: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/choose the file again/i) } });
    expect(await calls()).toHaveLength(0);
  });

  it('tells the window what a re-rate changed once it applies, and nothing for a preview', async () => {
    const clientId = await alice();
    await run([HEADER, line('2026-11-26 10:00:00', '15145551234', 61, 'a'), line('2026-11-26 10:05:00', '15145551234', 61, 'u', { account: '100000_bob' })].join('\n'));
    const events = new EventBus();
    const seen: { name: EventName; payload: AppEvents[EventName] }[] = [];
    events.listen((name, payload) => seen.push({ name, payload }));
    const table = createHandlerTable({ store: temp.store, host: 'headless', now: () => new Date('2026-11-25T12:00:00Z'), events });
    const pkg = await ok<{ id: number }[]>('packages.list').then((list) => list[0]!);
    await ok('packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'canada', value: '', rate: '0.03', freeZone: true }] });
    expect(await dispatch(table, 'calls.rerate', { packageId: pkg.id })).toMatchObject({ ok: true, value: { applied: false } });
    expect(seen).toEqual([]);
    expect(await dispatch(table, 'calls.rerate', { packageId: pkg.id, apply: true })).toMatchObject({ ok: true, value: { applied: true } });
    expect(seen).toEqual([{ name: 'data.changed', payload: { domains: ['calls', 'ledger', 'clients'] } }]);
    await ok('subaccounts.create', { username: 'bob', clientId, packageId: pkg.id, nextBillingDate: '2026-12-01' });
    expect(await dispatch(table, 'calls.rerateUnrated', undefined)).toMatchObject({ ok: true, value: { rated: 1, stillUnrated: 0 } });
    expect(seen.map((event) => event.name)).toEqual(['data.changed', 'data.changed']);
  });
});
