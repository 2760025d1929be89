import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningHeadlessHost {
  url: string;
  databasePath: string;
  /**
   * Stops the host and starts it again on the same database file, as a reseller reopening
   * the app would (its start's work runs again); resolves with the new URL, also `url`.
   */
  restart(): Promise<string>;
  stop(): Promise<void>;
}

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const TSX_CLI = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
// tsx compiles the host on start: on a loaded 2-core machine that alone can take tens of seconds.
const STARTUP_TIMEOUT_MS = 90_000;

export interface HeadlessHostOptions {
  /**
   * Issue 10: a host whose clock the test moves (POST /test/clock, see main/host/testClock.ts),
   * in UTC like the browser, so "midnight" is the same instant for both.
   */
  testClock?: boolean;
  /** Issue 12: more environment for the host, e.g. RESELLER_API_URL and the API credentials of an emulator. */
  env?: Record<string, string>;
  /** Issue 12: a host that can save the API password (main/host/testSecretBox.ts), as the desktop app's keychain would. */
  testSecretBox?: boolean;
  /** Issue 14: a host with an Open dialog the test answers (POST /test/pick, main/host/testPicker.ts), as the desktop app's. */
  testPicker?: boolean;
  /** Issue 16: the host's --db, e.g. a postgres:// URL (a team server); a fresh file in a temp folder when not given. */
  database?: string;
}

/** `tsx main/host/index.ts --db <file> --port 0`, and the URL it prints once ready. */
async function spawnHost(databasePath: string, options: HeadlessHostOptions): Promise<{ child: ChildProcess; url: string }> {
  const clock = options.testClock ? { RESELLER_CONSOLE_TEST_CLOCK: '1', TZ: 'UTC' } : {};
  const secrets = options.testSecretBox ? { RESELLER_CONSOLE_TEST_SECRET_BOX: '1' } : {};
  const picker = options.testPicker ? { RESELLER_CONSOLE_TEST_PICKER: '1' } : {};
  // tsx runs under this Node directly (no npx shell), so `child.pid` is the host itself.
  const child = spawn(process.execPath, [TSX_CLI, 'main/host/index.ts', '--db', options.database ?? databasePath, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test', ...clock, ...secrets, ...picker, ...options.env },
  });
  try {
    return { child, url: await waitForUrl(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/**
 * Starts `tsx main/host/index.ts --db <fresh file> --port 0` and resolves with the URL
 * it prints ("Open http://127.0.0.1:PORT/"). Assumes out/renderer was built.
 */
export async function startHeadlessHost(options: HeadlessHostOptions = {}): Promise<RunningHeadlessHost> {
  const folder = mkdtempSync(join(tmpdir(), 'rc-e2e-'));
  const databasePath = join(folder, 'console.db');
  let running: { child: ChildProcess; url: string } | undefined;
  try {
    running = await spawnHost(databasePath, options);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const host: RunningHeadlessHost = {
    url: running.url,
    databasePath,
    restart: async () => {
      if (running) await stopProcess(running.child);
      running = undefined;
      running = await spawnHost(databasePath, options);
      host.url = running.url;
      return running.url;
    },
    stop: async () => {
      if (running) await stopProcess(running.child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return host;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`The headless host did not print its URL within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The headless host exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
