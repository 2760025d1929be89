import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { generateDemo, planDemo, writeDemoCdrCsv } from '../../main/demo';
import { openStore } from '../../db/open';
import { cdrCsvHeader, cdrCsvLine, toProviderRecord } from '../../main/cdr';
import { parseCdrFile } from '../../main/cdr';
import { createHandlerTable } from '../../main/handlers/index';
import { dispatch } from '../../main/handlers/table';
import { micros, rateE8 } from '../../main/money';
import { importCalls } from '../../main/services/calls/importCalls';
import { getMainAccount } from '../../main/services/settings';

/** The reference workload (DESIGN.md "Scale"): 2,000 clients, 5,000 DIDs, 1,000,000 calls in one month. */
export const BENCH_NOW = new Date('2026-11-25T12:00:00Z');
export const BENCH_CLIENTS = 2_000;
export const BENCH_CALLS = 1_000_000;
export const HEAVY_CALLS = 10_000;

export interface BenchFixture {
  setupDb: string;
  callsCsv: string;
  heavyClientPackageId: number;
  setupSeconds: number;
}

/** One client with a cycle of 10,000 calls and free minutes, for the re-rating figure. */
async function addHeavyClient(dbPath: string, dir: string): Promise<number> {
  const store = await openStore(dbPath);
  const connectDay = new Date('2026-10-26T09:00:00Z');
  const table = createHandlerTable({ store, host: 'headless', now: () => connectDay });
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await dispatch(table, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value as T;
  };
  const pkg = await call<{ id: number }>('packages.create', { name: 'Bench heavy', markupFixed: '0.001', markupPercent: '25', pulseSeconds: 6, freeMinutes: 500 });
  await call('packages.saveRates', { packageId: pkg.id, rates: [{ scope: 'canada', value: '', rate: '0.015', freeZone: true }] });
  const client = await call<{ id: number }>('clients.create', { firstName: 'Heavy', lastName: 'Caller', email: 'heavy@bench.example', balanceMode: 'soft' });
  const sub = await call<{ clientPackageId: number }>('subaccounts.create', { username: 'heavybench', clientId: client.id, packageId: pkg.id, nextBillingDate: '2026-11-26' });
  const account = `${await getMainAccount(store.db)}_heavybench`;
  const csv = join(dir, 'heavy.csv');
  const out = createWriteStream(csv);
  out.write(cdrCsvHeader());
  for (let index = 0; index < HEAVY_CALLS; index += 1) {
    const start = new Date(Date.UTC(2026, 9, 27) + index * 250_000);
    const seconds = 10 + ((index * 37) % 400);
    out.write(
      cdrCsvLine(
        toProviderRecord({
          callId: `heavy-${index}`,
          startedAt: start.toISOString().slice(0, 19).replace('T', ' '),
          callerId: '"Heavy Caller" <5145550100>',
          destination: index % 3 === 0 ? `1514555${String(index % 10000).padStart(4, '0')}` : `1212555${String(index % 10000).padStart(4, '0')}`,
          description: 'Outgoing',
          account,
          disposition: 'ANSWERED',
          seconds,
          costRate: rateE8(1_000_000),
          costTotal: micros(Math.ceil(seconds / 6) * 1_000),
        }),
      ),
    );
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  await importCalls(store, parseCdrFile(csv), { source: csv, format: 'voipms-csv', now: () => BENCH_NOW });
  await store.close();
  return sub.clientPackageId;
}

export async function buildFixture(dir: string, log: (text: string) => void): Promise<BenchFixture> {
  const started = Date.now();
  const setupDb = join(dir, 'setup.db');
  const store = await openStore(setupDb);
  log(`building the reseller: ${BENCH_CLIENTS} clients…`);
  await generateDemo(store, (now) => createHandlerTable({ store, host: 'headless', now }), {
    clients: BENCH_CLIENTS,
    cdrs: 0,
    months: 1,
    now: BENCH_NOW,
    seed: 1,
    workDir: dir,
  });
  await store.close();
  log('adding a client with a 10,000-call cycle…');
  const heavyClientPackageId = await addHeavyClient(setupDb, dir);
  log(`writing ${BENCH_CALLS.toLocaleString('en-US')} calls as the provider's CSV…`);
  const callsCsv = join(dir, 'calls.csv');
  await writeDemoCdrCsv(callsCsv, planDemo({ clients: BENCH_CLIENTS, seed: 1 }), { cdrs: BENCH_CALLS, months: 1, now: BENCH_NOW });
  return { setupDb, callsCsv, heavyClientPackageId, setupSeconds: (Date.now() - started) / 1000 };
}
