import pg from 'pg';
import { openPgStore } from '../../db/pg';
import type { OpenOptions, PgStore } from '../../db/open';

/**
 * Issue 16: the test suite runs on either store, chosen by RC_TEST_STORE (`sqlite`, the
 * default, or `postgres`). On PostgreSQL each store is a database of its own on the
 * throw-away cluster RC_TEST_PG points at (scripts/pg-test-cluster.sh): cloned from a
 * template this worker migrated once (≈0.2 s a clone, against ≈0.9 s to migrate anew),
 * dropped at cleanup.
 */
export const testStoreKind = (): 'sqlite' | 'postgres' => (process.env.RC_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite');

/** The cluster's admin URL (a role that may create databases), from the environment. */
export function pgTestUrl(): string {
  const url = process.env.RC_TEST_PG;
  if (!url) throw new Error('RC_TEST_STORE=postgres needs RC_TEST_PG (start a cluster: eval "$(scripts/pg-test-cluster.sh start)")');
  return url;
}

/** The URL of database `name` on the test cluster. */
export function pgDatabaseUrl(name: string): string {
  const url = new URL(pgTestUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection to the cluster's admin database (create and drop databases there). */
export async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let serial = 0;
let template: Promise<string> | undefined;
const prefix = `rc_t${process.pid}`;

/** This worker's template: a database migrated to the latest version, made once. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const name = `${prefix}_template`;
    await admin(async (client) => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.query(`create database ${name}`);
    });
    const store = await openPgStore(pgDatabaseUrl(name), { folder: '.' });
    await store.close();
    return name;
  })();
  return template;
}

/** A fresh database on the test cluster, opened as a store: a clone of the template, or migrated to `migrateTo`. */
export async function tempPgStore(folder: string, options: OpenOptions = {}): Promise<{ store: PgStore; url: string; drop(): Promise<void> }> {
  serial += 1;
  const name = `${prefix}_${serial}`;
  const from = options.migrateTo === undefined ? await migratedTemplate() : null;
  await admin((client) => client.query(from ? `create database ${name} template ${from}` : `create database ${name}`));
  const url = pgDatabaseUrl(name);
  const store = await openPgStore(url, { folder, ...options });
  return {
    store,
    url,
    drop: () => admin(async (client) => void (await client.query(`drop database if exists ${name} with (force)`))),
  };
}
