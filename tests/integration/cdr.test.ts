import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelInput } from '../../preload/contract';
import { callFilterInput, type CallPage, type CallTotals, type CallView, type ExportProgress } from '../../preload/schemas/calls';
import { pricedByLabel } from '../../preload/common/calls';
import { dispatch } from '../../main/handlers/table';
import { createHandlerTable } from '../../main/handlers/index';
import { runCli } from '../../main/cli/run';
import { CallExports, CALL_CSV_HEADER } from '../../main/services/calls/cdrExport';
import { callTotals } from '../../main/services/calls/queries';
import { createContext } from '../../main/services/context';
import { exportsFolder } from '../../main/services/exportTargets';
import { EventBus } from '../../main/events';
import type { HandlerTable } from '../../main/handlers/table';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

interface RawCall {
  id: number;
  call_id: string;
  started_at: string;
  client_id: number | null;
  subaccount_id: number | null;
  direction: string;
  disposition: string;
  destination: string;
  description: string;
  country: string | null;
  status: string;
  seconds: number;
  billed_seconds: number;
  cost_micros: number;
  charge_micros: number;
}

type Filter = Omit<NonNullable<ChannelInput<'calls.list'>>, 'seek' | 'limit' | 'order'>;

let temp: TempStore;
let table: HandlerTable;
const bus = new EventBus();
let all: RawCall[];
let busiestClient: number;
let busiestSubaccount: number;
let oneMonth: { from: string; to: string };

async function call<T>(name: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const result = await dispatch(table, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

/** The filter, applied by hand to every stored row: the reference the channels are compared with. */
function matches(row: RawCall, filter: Filter): boolean {
  if (filter.clientId !== undefined && row.client_id !== filter.clientId) return false;
  if (filter.subaccountId !== undefined && row.subaccount_id !== filter.subaccountId) return false;
  const day = row.started_at.slice(0, 10);
  if (filter.from !== undefined && day < filter.from) return false;
  if (filter.to !== undefined && day > filter.to) return false;
  if (filter.status !== undefined && filter.status !== 'all' && row.status !== filter.status) return false;
  if (filter.direction !== undefined && row.direction !== filter.direction) return false;
  if (filter.disposition !== undefined && row.disposition !== filter.disposition) return false;
  if (filter.search !== undefined) {
    if (/^\d+$/.test(filter.search)) return row.destination.includes(filter.search);
    return row.description.toLowerCase().includes(filter.search.toLowerCase()) || (filter.search === 'Canada' && row.country === 'CA');
  }
  return true;
}

const byListOrder = (order: 'newest' | 'oldest') => (a: RawCall, b: RawCall): number => {
  const sign = order === 'newest' ? -1 : 1;
  return a.started_at === b.started_at ? sign * (a.id - b.id) : a.started_at < b.started_at ? -sign : sign;
};

beforeAll(async () => {
  // The command line (below) opens the same database; on a team server its data folder and its key are the environment's.
  vi.stubEnv('RESELLER_CONSOLE_KEY', 'the cdr test key, long enough to be a passphrase');
  temp = await tempStore();
  vi.stubEnv('XDG_CONFIG_HOME', join(temp.dir, 'config'));
  table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, events: bus, exports: exportsFolder(join(temp.dir, 'exports')) });
  await call('demo.load', { clients: 6, cdrs: 1200, months: 3 });
  // Calls at the very same second, so the id must break the tie between pages.
  const sameSecond = {
    started_at: '2026-11-20 12:00:00',
    account: '100000_ghost',
    destination: '4420711112222',
    description: 'United Kingdom, "London"',
    direction: 'outbound',
    disposition: 'ANSWERED',
    seconds: 65,
    cost_rate_e8: 0,
    cost_micros: 1300,
    status: 'unrated',
    unrated_reason: 'Sub account 100000_ghost is not known here',
    country: 'GB',
  } as const;
  await temp.store.db
    .insertInto('calls')
    .values(Array.from({ length: 45 }, (_, n) => ({ ...sameSecond, call_id: `tie-${n}` })))
    .execute();
  // A call whose text needs every kind of CSV quoting, with a disposition the labels do not know.
  await temp.store.db
    .insertInto('calls')
    .values({
      call_id: 'odd,"one"',
      started_at: '2026-11-20 12:00:01',
      account: "100000_o'brien, pat",
      caller_id: `"O'Brien, ""Pat""" <5145550100>`,
      destination: '33155501234',
      description: 'Line one\nline "two", trois – ünïcode',
      direction: 'outbound',
      disposition: 'CONGESTION',
      seconds: 3,
      cost_rate_e8: 0,
      cost_micros: 60,
      status: 'unrated',
      unrated_reason: 'Sub account unknown',
      country: 'ZZ',
    })
    .execute();
  all = (await temp.store.db.selectFrom('calls').selectAll().execute()) as RawCall[];
  const counts = new Map<number, number>();
  for (const row of all) if (row.client_id !== null) counts.set(row.client_id, (counts.get(row.client_id) ?? 0) + 1);
  busiestClient = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const subCounts = new Map<number, number>();
  for (const row of all) if (row.subaccount_id !== null) subCounts.set(row.subaccount_id, (subCounts.get(row.subaccount_id) ?? 0) + 1);
  busiestSubaccount = [...subCounts].sort((a, b) => b[1] - a[1])[0]![0];
  const months = [...new Set(all.map((row) => row.started_at.slice(0, 7)))].sort();
  const month = months[Math.floor(months.length / 2)]!;
  oneMonth = { from: `${month}-01`, to: `${month}-31` };
}, 120_000);
afterAll(async () => {
  await temp.cleanup();
  vi.unstubAllEnvs();
});

const FILTERS: [string, () => Filter][] = [
  ['no filter', () => ({})],
  ['client + date', () => ({ clientId: busiestClient, ...oneMonth })],
  ['date only', () => ({ ...oneMonth })],
  ['sub account', () => ({ subaccountId: busiestSubaccount })],
  ['inbound, answered', () => ({ direction: 'inbound', disposition: 'ANSWERED' })],
  ['no answer, rated', () => ({ disposition: 'NO ANSWER', status: 'rated' })],
  ['unrated', () => ({ status: 'unrated' })],
  ['destination digits', () => ({ search: '44' })],
  ['country name', () => ({ search: 'Canada' })],
  ['description text', () => ({ search: 'london' })],
];

describe('the Global CDR by keyset', () => {
  it.each(FILTERS)('walks every page of "%s" forward and back, both orders, as a plain ORDER BY of the filtered rows', async (_name, filterOf) => {
    const filter = filterOf();
    for (const order of ['newest', 'oldest'] as const) {
      const expected = all.filter((row) => matches(row, filter)).sort(byListOrder(order)).map((row) => row.call_id);
      expect(expected.length).toBeGreaterThan(0);
      const limit = 37;
      const page = (seek: unknown) => call<CallPage>('calls.list', { ...filter, order, seek, limit });

      // Forward from the first page.
      const forward: CallPage[] = [await page('first')];
      while (forward.at(-1)!.next !== null) forward.push(await page({ after: forward.at(-1)!.next }));
      expect(forward.flatMap((one) => one.rows.map((row) => row.callId))).toEqual(expected);
      expect(forward[0]!.previous).toBeNull();
      expect(forward.length).toBe(Math.ceil(expected.length / limit));

      // Back from the forward walk's last page: the same pages again.
      const back: CallPage[] = [forward.at(-1)!];
      while (back.at(-1)!.previous !== null) back.push(await page({ before: back.at(-1)!.previous }));
      expect(back.map((one) => one.rows.map((row) => row.callId))).toEqual(forward.map((one) => one.rows.map((row) => row.callId)).reverse());

      // From the other end: the last page holds the last rows, and walking back reaches the first.
      const fromEnd: CallPage[] = [await page('last')];
      expect(fromEnd[0]!.next).toBeNull();
      while (fromEnd.at(-1)!.previous !== null) fromEnd.push(await page({ before: fromEnd.at(-1)!.previous }));
      expect(fromEnd.reverse().flatMap((one) => one.rows.map((row) => row.callId))).toEqual(expected);
      expect(fromEnd.at(-1)!.rows.length).toBe(Math.min(limit, expected.length));
    }
  });

  it.each(FILTERS)('totals of "%s" equal the sums of the raw rows', async (_name, filterOf) => {
    const filter = filterOf();
    const rows = all.filter((row) => matches(row, filter));
    const sum = (pick: (row: RawCall) => number): bigint => rows.reduce((total, row) => total + BigInt(pick(row)), 0n);
    const money = (micros: bigint): string => {
      const negative = micros < 0n;
      const digits = (negative ? -micros : micros).toString().padStart(7, '0');
      return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
    };
    const totals = await call<CallTotals>('calls.totals', filter);
    const seconds = Number(sum((row) => row.seconds));
    expect(totals).toEqual({
      calls: rows.length,
      answered: rows.filter((row) => row.disposition === 'ANSWERED').length,
      unrated: rows.filter((row) => row.status === 'unrated').length,
      seconds,
      billedSeconds: Number(sum((row) => row.billed_seconds)),
      minutes: (Math.round((seconds * 100) / 60) / 100).toFixed(2),
      cost: money(sum((row) => row.cost_micros)),
      sell: money(sum((row) => row.charge_micros)),
      profit: money(sum((row) => (row.status === 'rated' ? row.charge_micros - row.cost_micros : 0))),
    });
    expect(await callTotals(temp.store, callFilterInput.parse(filter))).toEqual(totals);
  });

  it('sums money past 2^53 micros exactly, on either store', async () => {
    const own = await tempStore();
    try {
      // $4 billion a call: three calls' micros sum past what a JavaScript number holds exactly (2^53 ≈ 9.007e15).
      const big = 4_000_000_000_000_000;
      await own.store.db
        .insertInto('calls')
        .values(
          [1, 2, 4].map((n) => ({
            call_id: `big-${n}`,
            started_at: `2026-11-0${n} 10:00:00`,
            account: '100000_big',
            destination: '15145550100',
            direction: 'outbound' as const,
            disposition: 'ANSWERED',
            seconds: 60,
            cost_rate_e8: 0,
            cost_micros: big + n,
            charge_micros: big + 2 * n,
            status: 'rated' as const,
          })),
        )
        .execute();
      expect(await callTotals(own.store, { status: 'all' })).toMatchObject({ calls: 3, cost: '12000000000.000007', sell: '12000000000.000014', profit: '0.000007' });
    } finally {
      await own.cleanup();
    }
  });

  it('refuses a cursor that is not one, and more than one way to seek', async () => {
    expect(await dispatch(table, 'calls.list', { seek: { after: "2026-01-01' or 1=1" } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(table, 'calls.list', { seek: { after: '2026-01-01 10:00:00~1', before: '2026-01-01 10:00:00~1' } })).toMatchObject({ ok: false });
  });
});

function allRows(filter: Filter, order: 'newest' | 'oldest'): Promise<CallView[]> {
  return (async () => {
    const rows: CallView[] = [];
    let seek: unknown = 'first';
    for (;;) {
      const page = await call<CallPage>('calls.list', { ...filter, order, seek, limit: 1000 });
      rows.push(...page.rows);
      if (page.next === null) return rows;
      seek = { after: page.next };
    }
  })();
}

const csvRowOf = (call: CallView): string[] => [
  call.startedAt,
  call.clientName ?? '',
  call.account,
  call.callerId,
  call.direction === 'inbound' ? 'Inbound' : 'Outbound',
  call.destination,
  call.countryName ?? '',
  call.description,
  { ANSWERED: 'Answered', 'NO ANSWER': 'No answer', BUSY: 'Busy', FAILED: 'Failed' }[call.disposition] ?? call.disposition,
  String(call.seconds),
  String(call.billedSeconds),
  call.cost,
  call.charge,
  call.profit,
  pricedByLabel(call.status, call.rule),
  call.callId,
];

describe('the CSV export', () => {
  it('streams the filter in batches, with progress, and the file parses back to the table’s rows', async () => {
    const events = new EventBus();
    const progress: ExportProgress[] = [];
    events.listen((name, payload) => {
      if (name === 'export.progress') progress.push(payload as ExportProgress);
    });
    let n = 0;
    const exports = new CallExports(createContext(temp.store, () => FIXED_NOW, () => (n += 1), events), exportsFolder(join(temp.dir, 'batches')), 100);
    const filter = { ...oneMonth, status: 'all' as const, order: 'oldest' as const };
    const started = await exports.start(filter);
    if (!started.started) throw new Error('not started');
    const ended = await exports.finished(started.exportId);
    expect(ended).toMatchObject({ status: 'done', shownAs: join(temp.dir, 'batches', started.fileName), downloadUrl: null });
    const expected = await allRows({ ...oneMonth }, 'oldest');
    expect(expected.length).toBeGreaterThan(200);
    expect(ended.rows).toBe(expected.length);
    expect(started.total).toBe(expected.length);
    // One event when it starts, one per batch of 100, one at the end.
    expect(progress.map((one) => one.rows)).toEqual([0, ...Array.from({ length: Math.ceil(expected.length / 100) }, (_, k) => Math.min((k + 1) * 100, expected.length)), expected.length]);
    expect(progress.at(-1)!.status).toBe('done');

    const parsed = parse(readFileSync(ended.shownAs!, 'utf8'), { relax_column_count: false }) as string[][];
    expect(parsed[0]).toEqual([...CALL_CSV_HEADER]);
    expect(parsed.slice(1)).toEqual(expected.map(csvRowOf));
  });

  it('through the channel: every call of the unfiltered list, newest first; a cancelled export leaves no file', async () => {
    const done = new Promise<ExportProgress>((resolve) => {
      const stop = bus.listen((name, payload) => {
        const progress = payload as ExportProgress;
        if (name === 'export.progress' && progress.status !== 'running') {
          stop();
          resolve(progress);
        }
      });
    });
    const started = await call<{ started: true; exportId: number; fileName: string }>('calls.export', {});
    expect(started).toMatchObject({ started: true, fileName: 'calls.csv' });
    const path = join(temp.dir, 'exports', 'calls.csv');
    expect(await done).toMatchObject({ exportId: started.exportId, status: 'done', shownAs: path });
    const parsed = parse(readFileSync(path, 'utf8')) as string[][];
    expect(parsed.slice(1)).toEqual((await allRows({}, 'newest')).map(csvRowOf));
    // The quoted description survived the round trip.
    expect(parsed.filter((row) => row[7] === 'United Kingdom, "London"')).toHaveLength(45);

    const exports = new CallExports(createContext(temp.store), exportsFolder(join(temp.dir, 'cancelled')), 50);
    const second = await exports.start({ status: 'all', order: 'newest' });
    if (!second.started) throw new Error('not started');
    exports.cancel(second.exportId);
    expect(await exports.finished(second.exportId)).toMatchObject({ status: 'cancelled' });
    expect(() => readFileSync(join(temp.dir, 'cancelled', 'calls.csv'))).toThrow();
    // On PostgreSQL the cursor's connection went back to the pool (none is left busy).
    if (temp.store.dialect === 'postgres') expect(temp.store.pool.idleCount).toBe(temp.store.pool.totalCount);
  });
});

describe('the CSV export cut into slices, made on worker threads', () => {
  const SLICED: [string, () => Filter][] = [
    ['no filter', () => ({})],
    ['client + date', () => ({ clientId: busiestClient, ...oneMonth })],
    ['date only', () => ({ ...oneMonth })],
    ['inbound, answered', () => ({ direction: 'inbound', disposition: 'ANSWERED' })],
    ['description text', () => ({ search: 'line' })],
  ];

  it.each(SLICED)('"%s", both orders: slices of ~40 calls in chunks of 7 make the same rows in the same order as the list', async (_name, filterOf) => {
    const filter = filterOf();
    for (const order of ['newest', 'oldest'] as const) {
      const events = new EventBus();
      const progress: ExportProgress[] = [];
      events.listen((name, payload) => {
        if (name === 'export.progress') progress.push(payload as ExportProgress);
      });
      const exports = new CallExports(createContext(temp.store, () => FIXED_NOW, undefined, events), exportsFolder(join(temp.dir, `sliced-${order}`)), 7, 40);
      const started = await exports.start({ ...filter, status: filter.status ?? 'all', order });
      if (!started.started) throw new Error('not started');
      const ended = await exports.finished(started.exportId);
      expect(ended).toMatchObject({ status: 'done', message: null });
      const expected = await allRows(filter, order);
      expect(ended.rows).toBe(expected.length);
      const parsed = parse(readFileSync(ended.shownAs!, 'utf8')) as string[][];
      expect(parsed[0]).toEqual([...CALL_CSV_HEADER]);
      expect(parsed.slice(1)).toEqual(expected.map(csvRowOf));
      // Progress only moves forward, a chunk (at most 7 calls) at a time, to the total.
      const rows = progress.map((one) => one.rows);
      for (let k = 1; k < rows.length; k += 1) {
        expect(rows[k]! - rows[k - 1]!).toBeGreaterThanOrEqual(0);
        expect(rows[k]! - rows[k - 1]!).toBeLessThanOrEqual(7);
      }
      expect(rows.at(-1)).toBe(expected.length);
    }
  });

  it('quotes what needs quoting: commas, quotes, a line break and an unknown disposition survive the round trip', async () => {
    const exports = new CallExports(createContext(temp.store), exportsFolder(join(temp.dir, 'odd')), 7, 40);
    const started = await exports.start({ status: 'unrated', order: 'newest' });
    if (!started.started) throw new Error('not started');
    const ended = await exports.finished(started.exportId);
    const text = readFileSync(ended.shownAs!, 'utf8');
    // The very bytes, on either store: every text field quoted, numbers and labels bare, CRLF ends (the line break inside a field kept).
    expect(text).toContain(
      `\r\n2026-11-20 12:00:01,"","100000_o'brien, pat","""O'Brien, """"Pat"""""" <5145550100>",Outbound,"33155501234","ZZ","Line one\nline ""two"", trois – ünïcode","CONGESTION",3,0,0.000060,0.000000,0.000000,"Unrated","odd,""one"""\r\n`,
    );
    const parsed = parse(text) as string[][];
    expect(parsed.find((row) => row[15] === 'odd,"one"')).toEqual([
      '2026-11-20 12:00:01',
      '',
      "100000_o'brien, pat",
      `"O'Brien, ""Pat""" <5145550100>`,
      'Outbound',
      '33155501234',
      'ZZ',
      'Line one\nline "two", trois – ünïcode',
      'CONGESTION',
      '3',
      '0',
      '0.000060',
      '0.000000',
      '0.000000',
      'Unrated',
      'odd,"one"',
    ]);
  });
});

describe('the command line', () => {
  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(['--db', temp.location, ...args], { out: (text) => (out += text), err: (text) => (err += text) }, { now: () => FIXED_NOW });
    return { code, out, err };
  }

  it('cdr list --json: a page, its cursors and the whole filter’s totals, money as strings; --after walks on', async () => {
    const first = await cli('cdr', 'list', '--client', String(busiestClient), '--from', oneMonth.from, '--to', oneMonth.to, '--limit', '20', '--json');
    expect(first.code).toBe(0);
    const page = JSON.parse(first.out) as CallPage & { totals: CallTotals };
    expect(page.totals).toEqual(await call('calls.totals', { clientId: busiestClient, ...oneMonth }));
    expect(typeof page.totals.profit).toBe('string');
    expect(typeof page.rows[0]!.charge).toBe('string');
    const second = JSON.parse((await cli('cdr', 'list', '--client', String(busiestClient), '--from', oneMonth.from, '--to', oneMonth.to, '--limit', '20', '--after', page.next!, '--json')).out) as CallPage;
    const expected = await allRows({ clientId: busiestClient, ...oneMonth }, 'newest');
    expect([...page.rows, ...second.rows].map((row) => row.callId)).toEqual(expected.slice(0, 40).map((row) => row.callId));
    const last = JSON.parse((await cli('cdr', 'list', '--type', 'busy', '--last', '--oldest', '--json')).out) as CallPage;
    expect(last.next).toBeNull();
    expect(last.rows.every((row) => row.disposition === 'BUSY')).toBe(true);
    expect((await cli('cdr', 'list', '--type', 'congestion')).code).toBe(1);
    expect((await cli('cdr', 'list', '--after', 'nonsense')).code).toBe(1);
  });

  it('cdr export --out F writes the filter as CSV', async () => {
    const out = join(temp.dir, 'cli.csv');
    const result = await cli('cdr', 'export', '--out', out, '--direction', 'inbound', '--json');
    expect(result.code).toBe(0);
    const expected = await allRows({ direction: 'inbound' }, 'newest');
    expect(JSON.parse(result.out)).toMatchObject({ status: 'done', rows: expected.length });
    const parsed = parse(readFileSync(out, 'utf8')) as string[][];
    expect(parsed.slice(1)).toEqual(expected.map(csvRowOf));
  });
});
