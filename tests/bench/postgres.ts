import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openPgStore } from '../../db/pg';
import { CALL_COLUMNS } from '../../main/services/calls/statements';
import { copyDatabase } from '../../main/services/dbCopy/index';
import { timedCliImport } from './cliImport';
import type { BenchFigure } from './engine';
import type { BenchFixture } from './fixture';
import { benchReportsPg } from './pgReports';
import { benchCdrPg, cdrFiguresPg } from './pgCdr';
import { reportFigures } from './reports';

/**
 * `npm run bench -- postgres` (issue 16, team mode): the bench's import and reports on a
 * PostgreSQL server. The server is RC_TEST_PG (a URL whose role may create databases) or,
 * when that is not set, a throw-away cluster of scripts/pg-test-cluster.sh started here and
 * stopped at the end. The bench's starting database (setup.db) goes over with `db copy`;
 * the 1M-call file is imported by the CLI process (`--db postgres://… cdr import`), beside
 * PostgreSQL's own `COPY calls FROM STDIN` of the very rows the import stored (the floor).
 */

interface Server {
  url: string;
  /** What a person reads beside the figures: whose server, and how it writes. */
  about: string;
  stop(): void;
}

const CLUSTER_SCRIPT = 'scripts/pg-test-cluster.sh';

function startServer(log: (text: string) => void): Server {
  const given = process.env.RC_TEST_PG;
  if (given) return { url: given, about: 'RC_TEST_PG', stop: () => undefined };
  log('PostgreSQL: starting a throw-away cluster (scripts/pg-test-cluster.sh)…');
  const started = spawnSync(CLUSTER_SCRIPT, ['start'], { encoding: 'utf8' });
  const url = /RC_TEST_PG=(\S+)/.exec(started.stdout)?.[1];
  const dir = /RC_TEST_PG_DIR=(\S+)/.exec(started.stdout)?.[1];
  if (started.status !== 0 || !url || !dir) throw new Error(`${CLUSTER_SCRIPT} start failed:\n${started.stdout}${started.stderr}`);
  log(`PostgreSQL: the cluster in ${dir} listens on ${new URL(url).port}`);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    spawnSync(CLUSTER_SCRIPT, ['stop', dir], { stdio: 'ignore' });
    log(`PostgreSQL: the cluster in ${dir} stopped and removed`);
  };
  // Ctrl-C during a run stops the cluster too, rather than leaving a server and its files behind.
  const interrupted = (): void => {
    stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  return { url, about: 'a throw-away cluster started for this run', stop };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const secondsSince = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * The floor: the rows the import stored (its newest import), dumped untimed with COPY TO
 * into a file, then loaded with `COPY calls (…) FROM STDIN` into a fresh copy of the
 * starting database — the same calls table, indexes and foreign keys the import wrote into —
 * in one transaction, timed from its begin to its commit. Then, for reference, the same COPY
 * into a table without the foreign keys.
 */
async function copyFloor(importUrl: string, floorUrl: string, dumpFile: string): Promise<{ rows: number; seconds: number; withoutKeysSeconds: number; importId: number }> {
  const columns = CALL_COLUMNS.join(', ');
  const importId = await onServer(importUrl, async (client) => {
    const newest = await client.query<{ id: number }>('select max(import_id)::int as id from calls');
    const id = newest.rows[0]!.id;
    await pipeline(client.query(copyTo(`copy (select ${columns} from calls where import_id = ${id} order by id) to stdout`)), createWriteStream(dumpFile));
    return id;
  });
  return onServer(floorUrl, async (client) => {
    // The rows name their import: the floor's database has that row too, as the import's had.
    await client.query(
      `insert into call_imports (id, source, format, started_at, status) overriding system value values ($1, 'floor', 'voipms-csv', $2, 'running')`,
      [importId, new Date().toISOString()],
    );
    // The dump is read once before the clock starts: the floor reads it from the OS cache, not the disk.
    for await (const _chunk of createReadStream(dumpFile, { highWaterMark: 1 << 20 }));
    const load = async (table: string): Promise<{ rows: number; seconds: number }> => {
      const started = process.hrtime.bigint();
      await client.query('begin');
      const copy = client.query(copyFrom(`copy ${table} (${columns}) from stdin`));
      await pipeline(createReadStream(dumpFile, { highWaterMark: 1 << 20 }), copy);
      await client.query('commit');
      return { rows: copy.rowCount, seconds: secondsSince(started) };
    };
    const sameTable = await load('calls');
    // For reference: the same rows into a table with the same columns, checks and indexes but no
    // foreign keys (CREATE TABLE … LIKE copies none): what PostgreSQL's per-row key checks cost.
    await client.query('create table calls_without_keys (like calls including all)');
    const withoutKeys = await load('calls_without_keys');
    return { ...sameTable, withoutKeysSeconds: withoutKeys.seconds, importId };
  });
}

/** What the floor's name says of the server: its version, and whether it waits for the disk. */
async function serverSettings(url: string): Promise<string> {
  return onServer(url, async (client) => {
    const result = await client.query<{ version: string; fsync: string; commit: string }>(
      "select current_setting('server_version') as version, current_setting('fsync') as fsync, current_setting('synchronous_commit') as commit",
    );
    const { version, fsync, commit } = result.rows[0]!;
    return `PostgreSQL ${version.split(' ')[0]}, fsync ${fsync}, synchronous_commit ${commit}`;
  });
}

export async function benchPostgres(fixture: BenchFixture, dir: string, log: (text: string) => void): Promise<BenchFigure[]> {
  const server = startServer(log);
  const prefix = `rc_bench_${process.pid}`;
  const names = { setup: `${prefix}_setup`, imported: `${prefix}_import`, floor: `${prefix}_floor` };
  const url = (name: string) => databaseUrl(server.url, name);
  const admin = <T>(work: (client: pg.Client) => Promise<T>) => onServer(server.url, work);
  const dropAll = () =>
    admin(async (client) => {
      for (const name of Object.values(names)) await client.query(`drop database if exists ${name} with (force)`);
    });
  try {
    const settings = await serverSettings(server.url);
    log(`PostgreSQL: ${settings} (${server.about})`);
    await dropAll();
    log('PostgreSQL: the starting database (setup.db) copied over with db copy…');
    await admin((client) => client.query(`create database ${names.setup}`));
    const started = process.hrtime.bigint();
    const copied = await copyDatabase({ from: fixture.setupDb, to: url(names.setup) });
    const copySeconds = secondsSince(started);
    // Each run starts from a file-level copy of that database (CREATE DATABASE … TEMPLATE: no migrations, no rows copied again).
    const fresh = (name: string) => admin((client) => client.query(`create database ${name} template ${names.setup}`));

    const figures: BenchFigure[] = [
      { name: `PostgreSQL (${settings}; ${server.about}): db copy of the starting database (${copied.rows.toLocaleString('en-US')} rows, migrated and verified)`, value: Number(copySeconds.toFixed(1)), unit: 's' },
    ];

    log(`PostgreSQL import, oldest first: the CLI process (--db postgres://… cdr import), start to exit…`);
    await fresh(names.imported);
    const cli = timedCliImport(url(names.imported), fixture.callsCsv);
    log('PostgreSQL floor: COPY calls FROM STDIN of the rows the import stored…');
    await fresh(names.floor);
    const dumpFile = join(dir, 'pg-floor.copy');
    const floor = await copyFloor(url(names.imported), url(names.floor), dumpFile);
    const dumpMb = Math.round(statSync(dumpFile).size / 2 ** 20);
    rmSync(dumpFile, { force: true });
    await admin((client) => client.query(`drop database ${names.floor} with (force)`));
    figures.push(
      { name: `PostgreSQL floor: COPY calls FROM STDIN of the ${floor.rows.toLocaleString('en-US')} rows the import stored (${dumpMb} MB; same table, indexes, foreign keys), ${floor.seconds.toFixed(1)} s`, value: Math.round(floor.rows / floor.seconds), unit: 'rows/s' },
      { name: `  for reference: the same COPY into a table with the same indexes and no foreign keys, ${floor.withoutKeysSeconds.toFixed(1)} s`, value: Math.round(floor.rows / floor.withoutKeysSeconds), unit: 'rows/s' },
      { name: `PostgreSQL: whole CLI import, oldest first (process start to exit), ${cli.seconds.toFixed(1)} s`, value: Math.round(cli.added / cli.seconds), unit: 'calls/s' },
      { name: '  PostgreSQL import time / COPY floor time', value: Number((cli.seconds / floor.seconds).toFixed(2)), unit: '×' },
      { name: `  calls imported (rated / unrated / rejected: ${cli.rated} / ${cli.unrated} / ${cli.rejected}), re-ratings ${cli.rerated}`, value: cli.added, unit: 'calls' },
      { name: '  peak RSS of the import process', value: cli.maxRssMb, unit: 'MB' },
    );
    if (floor.rows !== cli.added) throw new Error(`The floor copied ${floor.rows} rows, the import added ${cli.added}: not the same rows`);

    // BENCH_PG_ORDERS=all: the two other orders a provider's file comes in, each on a fresh database.
    if (process.env.BENCH_PG_ORDERS === 'all') {
      for (const order of fixture.orders.filter((each) => each.csv !== fixture.callsCsv)) {
        const name = `${prefix}_order`;
        log(`PostgreSQL import, ${order.name}…`);
        await fresh(name);
        try {
          const other = timedCliImport(url(name), order.csv);
          figures.push(
            { name: `PostgreSQL: whole CLI import, ${order.name}, ${other.seconds.toFixed(1)} s (${other.rerated.toLocaleString('en-US')} re-ratings)`, value: Math.round(other.added / other.seconds), unit: 'calls/s' },
            { name: `  ${order.name}: import time / COPY floor time`, value: Number((other.seconds / floor.seconds).toFixed(2)), unit: '×' },
          );
        } finally {
          await admin((client) => client.query(`drop database if exists ${name} with (force)`));
        }
      }
    }

    log('PostgreSQL reports: financial report and per-client month totals on the imported database…');
    const store = await openPgStore(url(names.imported), { folder: dir });
    const client = await store.pool.connect();
    try {
      const reports = await benchReportsPg(store, client);
      figures.push(...reportFigures(reports.measured, { store: 'PostgreSQL', waits: reports.waits }));
      log('PostgreSQL Global CDR: a page, the last page, totals, the CSV of every call…');
      figures.push(...cdrFiguresPg(await benchCdrPg(store, client, dir)));
    } finally {
      client.release();
      await store.close();
    }
    return figures;
  } finally {
    try {
      await dropAll();
    } finally {
      server.stop();
    }
  }
}
