import { spawnSync } from 'node:child_process';

export interface CliImportFigures {
  seconds: number;
  maxRssMb: number;
  added: number;
  rerated: number;
  rated: number;
  unrated: number;
  rejected: number;
}

/**
 * Issue 13: the whole import as a reseller runs it, the CLI process from its start to its
 * exit (`--db LOCATION cdr import --file F --json`), LOCATION a database file or a
 * PostgreSQL URL (issue 16). Its peak RSS is read by /usr/bin/time (GNU time, `%M`: the
 * process's maximum resident set, in KB).
 */
export function timedCliImport(location: string, csv: string): CliImportFigures {
  spawnSync('sync');
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, '--import', 'tsx', 'main/cli/index.ts', '--db', location, 'cdr', 'import', '--file', csv, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`cdr import failed:\n${result.stderr}`);
  const job = JSON.parse(result.stdout) as { added: number; rerated: number; rated: number; unrated: number; rejected: number };
  const rss = /maxrss=(\d+)/.exec(result.stderr);
  return { seconds, maxRssMb: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN, added: job.added, rerated: job.rerated, rated: job.rated, unrated: job.unrated, rejected: job.rejected };
}
