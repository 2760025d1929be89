import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The app's log in the data folder (issue 14): fatal errors, refused links, crashed windows. */
export const LOG_FILE = 'reseller-console.log';

export interface AppLog {
  readonly path: string;
  write(level: 'info' | 'error' | 'fatal', message: string): void;
}

/**
 * A log file that rotates by size: past `maxBytes` the file becomes `.1`, `.1` becomes `.2`…
 * and the oldest beyond `keep` goes. A log that cannot be written never throws: the error it
 * was recording matters more.
 */
export function rotatingLog(folder: string, options: { maxBytes?: number; keep?: number; now?: () => Date } = {}): AppLog {
  const path = join(folder, LOG_FILE);
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 3;
  const now = options.now ?? (() => new Date());
  const size = (file: string): number => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const rotate = (): void => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let k = keep - 1; k >= 1; k -= 1) {
      try {
        renameSync(`${path}.${k}`, `${path}.${k + 1}`);
      } catch {
        // not there yet
      }
    }
    renameSync(path, `${path}.1`);
  };
  return {
    path,
    write(level, message) {
      const line = `${now().toISOString()} ${level.toUpperCase()} ${message.replaceAll('\n', '\n    ')}\n`;
      try {
        if (size(path) > 0 && size(path) + Buffer.byteLength(line) > maxBytes) rotate();
        appendFileSync(path, line);
      } catch {
        // The disk is full or the folder gone: nothing better to do with a log line.
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export interface CrashHandlerTargets {
  process: Pick<NodeJS.Process, 'on'>;
  log: AppLog;
  /** dialog.showErrorBox */
  showError(title: string, content: string): void;
}

/**
 * A fatal error in main is logged and shown (with where the log is); a promise rejected with
 * no handler is logged. Neither is swallowed silently.
 */
export function installCrashHandlers(targets: CrashHandlerTargets): void {
  targets.process.on('uncaughtException', (error: Error) => {
    targets.log.write('fatal', describe(error));
    targets.showError('Reseller Console hit an unexpected error', `${error.message}\n\nThe details are in ${targets.log.path}.`);
  });
  targets.process.on('unhandledRejection', (reason: unknown) => {
    targets.log.write('error', `Unhandled rejection: ${describe(reason)}`);
  });
}

interface RendererContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  reload(): void;
}

/**
 * A crashed window reloads (the data is in main: nothing is lost but the page's state), at
 * most `maxReloads` times in `windowMs`; past that it stays down and the user is told, rather
 * than reloading in a loop.
 */
export function reloadCrashedRenderer(
  contents: RendererContents,
  targets: { log: AppLog; showError(title: string, content: string): void; now?: () => number; maxReloads?: number; windowMs?: number },
): void {
  const now = targets.now ?? Date.now;
  const maxReloads = targets.maxReloads ?? 3;
  const windowMs = targets.windowMs ?? 60_000;
  const reloads: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    targets.log.write('error', `The window's renderer is gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit') return;
    const at = now();
    while (reloads.length > 0 && at - reloads[0]! > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      targets.showError('Reseller Console’s window keeps crashing', `It crashed ${reloads.length + 1} times in a minute and was not reloaded again. The details are in ${targets.log.path}.`);
      return;
    }
    reloads.push(at);
    contents.reload();
  });
}
