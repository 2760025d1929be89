import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import pg from 'pg';
import type { Store } from '../../db/open';
import { describe, expect, it, onTestFailed } from 'vitest';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch, type HandlerTable } from '../../main/handlers/table';
import { EventBus } from '../../main/events';
import { channelNames, contract, type ChannelName } from '../../preload/contract';
import type { Result } from '../../preload/result';
import { testStoreKind } from '../helpers/pgServer';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';
import { arbitraryFor } from '../helpers/zodArbitrary';

/**
 * Issue 9, kept so: inputs for EVERY channel of the contract, generated from its zod
 * schema (tests/helpers/zodArbitrary.ts), sent through the handler table on a real
 * database (a file, or with RC_TEST_STORE=postgres a database on the test cluster). For every input:
 *   1. the answer is never `internal` (a bug), and dispatch never throws;
 *   2. a refused input changes nothing (a fingerprint of every table, before and after);
 *   3. after an accepted one, every client's balance equals the sum of its ledger.
 * A new channel is fuzzed without a test of its own: the list is the contract's.
 *
 * FUZZ_RUNS and FUZZ_SEED override the defaults (e.g. a long run with a fresh seed).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Inputs per fresh database: long enough for sequences (create, connect, charge, delete), short enough that fixtures survive. */
const ROUND = 400;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);

/**
 * Channels not fuzzed here, and why. Every channel of this contract runs headless (none
 * opens a file dialog); `demo.load` is fuzzed but never with `force`, below.
 */
const SKIPPED: ReadonlySet<ChannelName> = new Set<ChannelName>([]);

/**
 * Per-channel adjustments of generated inputs. demo.load with `force: true` builds a
 * whole reseller (up to 5,000 clients and 2,000,000 calls: minutes); the demo has its
 * own tests, here it must answer "refused: the database has clients" fast.
 */
function adjust(name: ChannelName, input: unknown): unknown {
  if (name === 'demo.load' && input !== null && typeof input === 'object' && !Array.isArray(input) && 'force' in input) {
    return { ...input, force: false };
  }
  // Settings → Database's test connects to the server it names (issue 16): kept on this machine, where nothing listens on port 1.
  if (name === 'database.testConnection' && input !== null && typeof input === 'object' && 'url' in input && typeof input.url === 'string' && /^postgres(ql)?:\/\//.test(input.url)) {
    return { ...input, url: 'postgres://fuzz@127.0.0.1:1/fuzz' };
  }
  return input;
}

let temp: TempStore;
let table: HandlerTable;
const fuzzTimeout = (): number => (testStoreKind() === 'postgres' ? 480_000 : 240_000);

/**
 * A second, read-only connection that holds a snapshot of the database from before each
 * input: when a refused input may have written (a statement ran, perhaps rolled back), the
 * snapshot and the database after are compared row by row. Cheap when nothing ran, exact
 * when something did.
 */
interface Snapshots {
  /** Takes the snapshot of now (before an input). */
  hold(): Promise<void>;
  release(): Promise<void>;
  /** Whether anything may have written since the last call (the first call: since the store opened). */
  moved(): Promise<boolean>;
  /** Whether the database differs from the snapshot held. */
  differs(): Promise<boolean>;
  close(): Promise<void>;
}

/** SQLite: a WAL read transaction on a read-only connection; the main connection's total_changes() says a statement ran. */
function sqliteSnapshots(store: Extract<Store, { dialect: 'sqlite' }>, path: string): Snapshots {
  const reader = new Database(path, { readonly: true, fileMustExist: true });
  let last = -1;
  return {
    hold: async () => {
      reader.exec('begin');
      reader.prepare('select count(*) from sqlite_master').pluck().get();
    },
    release: async () => void reader.exec('commit'),
    moved: async () => {
      const changes = store.sqlite.prepare('select total_changes()').pluck().get() as number;
      const moved = changes !== last;
      last = changes;
      return moved;
    },
    differs: async () => sqliteChecksum(reader) !== sqliteChecksum(store.sqlite),
    close: async () => void reader.close(),
  };
}

/** Every table's rows as one connection sees them, hashed: what "changes nothing" is checked against. */
function sqliteChecksum(connection: BetterSqlite3.Database): string {
  const hash = createHash('sha1');
  const tables = connection.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
  for (const name of tables) {
    hash.update(`\n#${name}\n`);
    for (const row of connection.prepare(`select * from "${name}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/**
 * PostgreSQL: a REPEATABLE READ transaction on a connection of its own. A transaction that
 * wrote anything (kept or rolled back) took a transaction id, so the next id to be given
 * (the snapshot's xmax) moving is PostgreSQL's "a statement ran" (other databases of the
 * cluster move it too: that costs a comparison, never a miss).
 */
async function pgSnapshots(url: string): Promise<Snapshots> {
  const reader = new pg.Client({ connectionString: url });
  const probe = new pg.Client({ connectionString: url });
  await reader.connect();
  await probe.connect();
  let last = '';
  const checksum = async (client: pg.Client): Promise<string> => {
    const hash = createHash('sha1');
    const tables = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`);
    for (const { name } of tables.rows) {
      hash.update(`\n#${name}\n`);
      // Rows in no defined order on a heap: sorted as text, each side the same way.
      const rows = await client.query<{ row: string }>(`select t::text as row from "${name}" t`);
      for (const row of rows.rows.map((each) => each.row).sort()) hash.update(row);
    }
    return hash.digest('hex');
  };
  return {
    hold: async () => {
      await reader.query('begin isolation level repeatable read read only');
      await reader.query('select 1');
    },
    release: async () => void (await reader.query('commit')),
    moved: async () => {
      const { rows } = await probe.query<{ next: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next');
      const moved = rows[0]!.next !== last;
      last = rows[0]!.next;
      return moved;
    },
    differs: async () => (await checksum(reader)) !== (await checksum(probe)),
    close: async () => {
      await reader.end();
      await probe.end();
    },
  };
}

let snapshots: Snapshots;
const importFailures: string[] = [];
/** The last status each export reported ('export.progress'): an export runs in the background, and the fuzz waits for its end. */
const exportStatus = new Map<number, string>();

async function ok<T>(name: string, input?: unknown): Promise<T> {
  const result = (await dispatch(table, name, input)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** A few of everything, so generated ids (1–12) often exist. */
async function seedFixtures(): Promise<void> {
  const basic = await ok<{ id: number }>('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60, monthlyFee: '10', setupFee: '5' });
  const cheap = await ok<{ id: number }>('packages.create', { name: 'Cheap', markupFixed: '0.001', markupPercent: '5', pulseSeconds: 6, freeMinutes: 100, monthlyFee: '3', setupFee: '0' });
  await ok('packages.saveRates', { packageId: basic.id, rates: [{ scope: 'country', value: 'GB', rate: '0.05' }, { scope: 'prefix', value: '33', rate: '0.04', freeZone: true }] });
  await ok('costs.import', { route: 'value', csv: 'destination,prefix,rate,increment\nCanada,1,0.0100,6\nUK,44,0.0200,60\nFrance,33,0.0300,60' });
  const alice = await ok<{ id: number }>('clients.create', { firstName: 'Alice', lastName: 'Martin', email: 'alice@example.com', balanceMode: 'hard' });
  const bob = await ok<{ id: number }>('clients.create', { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com', balanceMode: 'soft', lowBalanceThreshold: '5' });
  await ok('clients.create', { firstName: 'Carol', lastName: 'Ng', email: 'carol@example.com', balanceMode: 'hard' });
  await ok('clients.payment', { clientId: alice.id, amount: '50' });
  await ok('clients.charge', { clientId: bob.id, amount: '2.50' });
  const [alicePackage] = await ok<{ id: number }[]>('clients.connectPackage', { clientId: alice.id, packageId: basic.id, nextBillingDate: '2026-12-01', chargeSetupNow: true });
  await ok('clients.connectPackage', { clientId: bob.id, packageId: cheap.id, nextBillingDate: '2026-12-15' });
  await ok('dids.add', { number: '15145550100' });
  await ok('dids.add', { number: '+1 514 555 0101' });
  await ok('dids.assign', { number: '15145550100', clientPackageId: alicePackage!.id, minuteRate: '0.01', monthlyFee: '1.50' });
  await ok('subaccounts.create', { username: 'alice1', clientId: alice.id, clientPackageId: alicePackage!.id });
}

async function balancesOffLedger(): Promise<{ id: number; balance: number; ledger: number }[]> {
  const rows = await temp.store.db
    .selectFrom('clients')
    .select((eb) => [
      'id',
      'balance_micros as balance',
      eb.fn.coalesce(eb.selectFrom('ledger_entries').select((inner) => inner.fn.sum<number>('amount_micros').as('sum')).whereRef('ledger_entries.client_id', '=', 'clients.id'), eb.lit(0)).as('ledger'),
    ])
    .execute();
  return rows.map((row) => ({ id: row.id, balance: row.balance, ledger: Number(row.ledger) })).filter((row) => row.balance !== row.ledger);
}

/** An import runs in the background: wait for it to end, so the next input starts on a still database. */
async function importSettled(jobId: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 5) {
    const status = (await dispatch(table, 'calls.importStatus', { jobId })) as Result<{ status: string }>;
    if (!status.ok || status.value.status !== 'running') return;
    await sleep(5);
  }
  throw new Error(`import ${jobId} did not finish`);
}

/** An export writes in the background: wait for it to end, so its workers are gone before the next input (and the round's cleanup). */
async function exportSettled(exportId: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 5) {
    if (exportStatus.get(exportId) !== 'running') return;
    await sleep(5);
  }
  throw new Error(`export ${exportId} did not finish`);
}

/** A fresh database with the fixtures: each round of inputs starts from one, so the fixture ids 1–8 exist again. */
async function openRound(): Promise<void> {
  temp = await tempStore();
  const events = new EventBus();
  events.listen((name, payload) => {
    if (name !== 'import.progress') return;
    const view = payload as { status: string; message: string | null };
    if (view.status === 'failed') importFailures.push(view.message ?? '(no message)');
  });
  events.listen((name, payload) => {
    if (name === 'export.progress') exportStatus.set((payload as { exportId: number }).exportId, (payload as { status: string }).status);
  });
  table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, events });
  await seedFixtures();
  snapshots = temp.store.dialect === 'sqlite' ? sqliteSnapshots(temp.store, join(temp.dir, 'test.db')) : await pgSnapshots(temp.location);
}

async function closeRound(): Promise<void> {
  await snapshots.close();
  await temp.cleanup();
}

describe('contract fuzz', () => {
  it(`sends ${RUNS} generated inputs across every channel: never internal, a refusal changes nothing, balances equal their ledgers`, async () => {
    const channels = channelNames.filter((name) => !SKIPPED.has(name));
    const generator = fc.oneof(...channels.map((name) => arbitraryFor(contract[name].input).map((input) => ({ name, input: adjust(name, input) }))));

    const started = performance.now();
    const failures: string[] = [];
    // What was being sent when the test failed (a timeout names the input that never answered).
    let inFlight = '(nothing)';
    let roundNumber = 0;
    onTestFailed(() => {
      console.log(`contract fuzz failed in round ${roundNumber} while waiting on ${inFlight}`);
    });
    const perChannel = new Map<string, { sent: number; accepted: number; ms: number }>();
    let checkMs = 0;
    const show = (value: unknown): string => (JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'undefined').slice(0, 300);
    /** Import episodes so far: each one's pieces come from its own seed, so a run repeats exactly. */
    let episodes = 0;

    const send = async (name: ChannelName, input: unknown): Promise<Result<unknown> | null> => {
      const counts = perChannel.get(name) ?? { sent: 0, accepted: 0, ms: 0 };
      counts.sent += 1;
      perChannel.set(name, counts);
      let result: Result<unknown>;
      const began = performance.now();
      inFlight = `${name} ${show(input)}`;
      try {
        result = await dispatch(table, name, input);
        counts.ms += performance.now() - began;
      } catch (error) {
        failures.push(`${name} threw ${String(error)} for ${show(input)}`);
        return null;
      }
      if (!result.ok && result.error.code === 'internal') failures.push(`${name} internal for ${show(input)}`);
      if (result.ok) counts.accepted += 1;
      return result;
    };

    /** The invariants after one input (or one import episode), while the snapshot of before is still held. */
    const check = async (name: string, input: unknown, accepted: boolean): Promise<void> => {
      if (!(await snapshots.moved())) return;
      const began = performance.now();
      if (!accepted && (await snapshots.differs())) failures.push(`${name} was refused but changed the database: ${show(input)}`);
      const off = await balancesOffLedger();
      if (off.length > 0) failures.push(`after ${name} ${show(input)}: balance ≠ ledger for ${JSON.stringify(off)}`);
      checkMs += performance.now() - began;
    };

    for (let round = 0; round * ROUND < RUNS && failures.length < 20; round += 1) {
      roundNumber = round;
      inFlight = `opening round ${round}`;
      await openRound();
      try {
        await snapshots.moved();
        const inputs = fc.sample(generator, { numRuns: Math.min(ROUND, RUNS - round * ROUND), seed: SEED + round });
        for (const { name, input } of inputs) {
          await snapshots.hold();
          try {
            await sendAndCheck(name, input);
          } finally {
            await snapshots.release();
          }
          if (failures.length >= 20) break;
        }
      } finally {
        inFlight = `closing round ${round}`;
        await closeRound();
      }
    }

    async function sendAndCheck(name: ChannelName, input: unknown): Promise<void> {
      const result = await send(name, input);
      if (result === null) return;
      if (name === 'calls.importBegin' && result.ok) {
        // An import episode: a few generated pieces for this job, the last piece, then its end.
        const { jobId } = result.value as { jobId: number };
        episodes += 1;
        const pieces = fc.sample(arbitraryFor(contract['calls.importChunk'].input), { numRuns: 3, seed: SEED + episodes });
        for (const piece of pieces) {
          const withJob = piece !== null && typeof piece === 'object' && !Array.isArray(piece) ? { ...piece, jobId } : piece;
          await send('calls.importChunk', withJob);
        }
        await send('calls.importChunk', { jobId, text: '', last: true });
        inFlight = `the end of import ${jobId}`;
        await importSettled(jobId);
        // What the pieces wrote is the import's own: the rule here is balance = ledger, checked below.
        await check(name, input, true);
        return;
      }
      if (name === 'calls.export' && result.ok && (result.value as { started: boolean }).started) {
        const { exportId } = result.value as { exportId: number };
        inFlight = `the end of export ${exportId}`;
        await exportSettled(exportId);
      }
      await check(name, input, result.ok);
    }

    const seconds = (performance.now() - started) / 1000;
    const sent = [...perChannel.values()].reduce((sum, counts) => sum + counts.sent, 0);
    const accepted = [...perChannel.values()].reduce((sum, counts) => sum + counts.accepted, 0);
    console.log(`contract fuzz: ${sent} inputs (${accepted} accepted) over ${perChannel.size} channels in ${seconds.toFixed(1)} s, seed ${SEED}`);
    const slowest = [...perChannel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5);
    console.log(`contract fuzz: checks ${(checkMs / 1000).toFixed(1)} s; slowest channels ${slowest.map(([name, counts]) => `${name} ${(counts.ms / 1000).toFixed(1)} s`).join(', ')}`);
    const neverAccepted = channels.filter((name) => (perChannel.get(name)?.accepted ?? 0) === 0);
    if (neverAccepted.length > 0) console.log(`contract fuzz: channels with no accepted input: ${neverAccepted.join(', ')}`);
    if (importFailures.length > 0) console.log(`contract fuzz: imports that failed: ${[...new Set(importFailures)].join(' | ')}`);

    // An import may fail on a bad file (its message says why), never on a bug of ours.
    const importBugs = importFailures.filter((message) => /safe integer|TypeError|Cannot read|undefined|NaN|internal/i.test(message));
    expect(importBugs).toEqual([]);
    expect(failures).toEqual([]);
    expect(perChannel.size).toBe(channels.length);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // PostgreSQL: every input is a few round trips more (the snapshot, the probe); measured 230 s against SQLite's 180 s here.
  }, fuzzTimeout());
});
