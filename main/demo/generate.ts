import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../db/open';
import { plural } from '../../preload/common/plural';
import { DEMO_LIMITS, type DemoProgress, type DemoResult } from '../../preload/schemas/demo';
import { parseCdrFile } from '../cdr';
import { AppError } from '../errors';
import type { HandlerTable } from '../handlers/table';
import { IMPORT_BATCH_SIZE } from '../services/calls/importCalls';
import { importInto } from '../services/calls/importInto';
import { getMainAccount } from '../services/settings';
import { writeDemoCdrCsv } from './calls';
import { demoWindow } from './dates';
import { planDemo, type DemoExisting } from './plan';
import { createReseller, type DemoClock } from './reseller';

/** Builds the handler table the demo drives, on a clock the demo moves (DESIGN.md: the clock is injected). */
export type TableFactory = (now: () => Date) => HandlerTable;

export interface DemoOptions {
  clients?: number;
  cdrs?: number;
  seed?: number;
  /** Months of history (calls, billing cycles, payments) up to `now`. */
  months?: number;
  /** "Today": the CLI and the app use the real clock, tests a fixed one. */
  now?: Date;
  /** Load even though the database already has clients (names, numbers and sub accounts are chosen around theirs). */
  force?: boolean;
  /** Where the temporary CDR file goes; the system's temp folder by default. */
  workDir?: string;
  onProgress?: (progress: DemoProgress) => void;
}

function whole(value: number | undefined, limits: { min: number; max: number; default: number }, label: string): number {
  const chosen = value ?? limits.default;
  if (!Number.isSafeInteger(chosen) || chosen < limits.min || chosen > limits.max) {
    throw new AppError('invalid_input', `${label} must be a whole number from ${limits.min.toLocaleString('en-US')} to ${limits.max.toLocaleString('en-US')}`);
  }
  return chosen;
}

async function existingData(store: Store): Promise<DemoExisting> {
  const [packages, subaccounts, clients, dids] = await Promise.all([
    store.db.selectFrom('packages').select('name').execute(),
    store.db.selectFrom('subaccounts').select('username').where('deleted_at', 'is', null).execute(),
    store.db.selectFrom('clients').select('email').where('status', '!=', 'closed').execute(),
    store.db.selectFrom('dids').select('number').execute(),
  ]);
  return {
    packageNames: new Set(packages.map((row) => row.name)),
    usernames: new Set(subaccounts.map((row) => row.username)),
    emails: new Set(clients.map((row) => row.email)),
    dids: new Set(dids.map((row) => row.number)),
  };
}

/**
 * A realistic reseller in an empty database, the same for the same seed and clock:
 * packages and custom rates, clients with sub accounts and DIDs, months of billing and
 * payments, then the provider's CDR file for the window, imported like a real one.
 * It runs on either store (issue 16): the handlers it drives are store-neutral, and the
 * calls go through the store's own import (importInto).
 */
export async function generateDemo(store: Store, tableFor: TableFactory, options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const clients = whole(options.clients, DEMO_LIMITS.clients, 'Clients');
  const cdrs = whole(options.cdrs, DEMO_LIMITS.cdrs, 'Calls');
  const seed = whole(options.seed, DEMO_LIMITS.seed, 'Seed');
  const months = whole(options.months, DEMO_LIMITS.months, 'Months');
  const now = options.now ?? new Date();
  const onProgress = options.onProgress ?? (() => undefined);

  const { count } = await store.db.selectFrom('clients').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  if (Number(count) > 0 && !options.force) {
    throw new AppError('conflict', `This database already has ${plural(Number(count), 'client', 'clients')}: demo data is only loaded into an empty database`);
  }
  // Issue 16: a team server's database is everyone's data. Made-up clients go only into an empty one
  // (a server set up to try the app); --force, which mixes them in among real clients, stays a file's option.
  if (Number(count) > 0 && store.dialect === 'postgres') {
    throw new AppError('conflict', `This team server's database already has ${plural(Number(count), 'client', 'clients')}: demo data is never mixed into a shared database (try the demo in the app, which keeps it in a file of its own)`);
  }
  const plan = planDemo({ clients, seed }, Number(count) > 0 ? await existingData(store) : undefined);
  const { from, today } = demoWindow(now, months);
  const clock: DemoClock = { current: now };
  const outboxBefore = await store.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const counts = await createReseller(tableFor(() => clock.current), clock, plan, { from, today, now, callsPerMonth: cdrs / months }, onProgress);
  // Issue 12: the demo's reseller is imaginary; its history is not a list of changes for a real provider (what waited before stays).
  await store.db.deleteFrom('outbox').where('id', '>', outboxBefore?.id ?? 0).execute();

  const calls = { written: 0, imported: 0, rated: 0, unrated: 0, rejected: 0 };
  if (cdrs > 0) {
    const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'rc-demo-'));
    try {
      const path = join(dir, 'demo-cdr.csv');
      const file = await writeDemoCdrCsv(path, plan, {
        cdrs,
        now,
        months,
        seed,
        mainAccount: await getMainAccount(store.db),
        onProgress: (written, total) => onProgress({ stage: 'calls-file', done: written, total, message: `${written.toLocaleString('en-US')} calls written` }),
      });
      calls.written = file.calls;
      const imported = await importInto(store, parseCdrFile(path, 'voipms-csv', { batchSize: IMPORT_BATCH_SIZE }), {
        source: `demo (seed ${seed})`,
        format: 'voipms-csv',
        totalBytes: (await stat(path)).size,
        now: () => now,
        onProgress: (progress) =>
          onProgress({ stage: 'calls-import', done: progress.added + progress.duplicates + progress.rejected, total: file.calls, message: `${progress.added.toLocaleString('en-US')} calls imported (${progress.callsPerSecond.toLocaleString('en-US')}/s)` }),
      });
      if (imported.status !== 'done') throw new AppError('internal', `The demo's call import ${imported.status}: ${imported.message ?? 'no reason given'}`);
      Object.assign(calls, { imported: imported.added, rated: imported.rated, unrated: imported.unrated, rejected: imported.rejected });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { seed, from, to: today, ...counts, calls, durationMs: Date.now() - started };
}
