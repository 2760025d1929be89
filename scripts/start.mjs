// `npm start`: builds, then opens the desktop window, or, where Electron's binary cannot
// be had (as on our build machines), says so in one line and starts the headless host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const passThrough = process.argv.slice(2);

/** Electron's path, downloading the binary on first use where the network allows; null where it cannot be had. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const path = probe.status === 0 ? probe.stdout.trim().split('\n').pop() : '';
  return path && existsSync(path) ? path : null;
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('The build failed; see the errors above.');
  process.exit(build.status ?? 1);
}

const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...passThrough], { stdio: 'inherit' })
  : (console.log("Electron's binary is not available on this machine: starting the headless host instead (open the URL below in a browser)."),
    spawn('npx', ['tsx', 'main/host/index.ts', ...passThrough], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
