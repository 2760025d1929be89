import pg from 'pg';

/**
 * Issue 16: the end-to-end tests of team mode run against the test PostgreSQL cluster
 * (scripts/pg-test-cluster.sh). `npm test` starts one for the whole run (scripts/test-all.sh)
 * and names it in RC_TEST_PG; without it these tests fail and say so, rather than skip.
 */
export function testServerUrl(): URL {
  const url = process.env.RC_TEST_PG;
  if (!url) throw new Error('This test needs the test PostgreSQL cluster: run it through `npm test` (scripts/test-all.sh starts one), or set RC_TEST_PG');
  return new URL(url);
}

/** A fresh database of its own on the test cluster, for one test; `drop()` removes it. */
export async function teamDatabase(name: string): Promise<{ url: URL; drop(): Promise<void> }> {
  const server = testServerUrl();
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url,
    drop: async () => {
      try {
        await admin.query(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
}
