import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

// Issue 14: the packaging configuration, read as electron-builder reads it. The packager
// itself downloads Electron and cannot run here (nor in CI): `npm run dist` on a machine with internet.
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  mac: { target: string | string[]; icon: string };
  win: { target: string | string[]; icon: string };
}

const config = load(readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('names the app and builds an installer for each platform', () => {
    expect(config.appId).toBe('net.resellerconsole.app');
    expect(config.productName).toBe('Reseller Console');
    expect(list(config.linux.target).sort()).toEqual(['AppImage', 'deb']);
    expect(list(config.win.target)).toEqual(['nsis']);
    expect(list(config.mac.target)).toEqual(['dmg']);
    expect(config.directories.buildResources).toBe('build');
  });

  it('ships the build only, in an asar, with better-sqlite3 unpacked and rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.files).toContain('out/**');
    // No sources, tests or configuration: only the build, the PDF fonts and package.json (its "main").
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['assets/fonts/**', 'out/**', 'package.json']);
    expect(packageJson.main.startsWith('out/')).toBe(true);
    // The packager leaves devDependencies out: nothing the app needs at run time may sit there.
    for (const runtime of ['better-sqlite3', 'kysely', 'zod', 'pdfkit', 'decimal.js']) expect(packageJson.dependencies[runtime], runtime).toBeDefined();
    for (const tool of ['electron', 'electron-builder', 'vitest', '@playwright/test']) expect(packageJson.dependencies[tool], tool).toBeUndefined();
  });

  it('sets Electron’s fuses: no run-as-node, no NODE_OPTIONS or inspector, the app only from its checked asar, no file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has the icon set it names', () => {
    expect(config.linux.icon).toBe('build/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(`build/icons/${size}x${size}.png`)).toEqual([size, size]);
    expect(pngSize(config.mac.icon)).toEqual([1024, 1024]);
    const ico = readFileSync(config.win.icon);
    // ICONDIR: reserved 0, type 1 (icon), then the number of images.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
  });

  it('npm run dist packages; CI never does (it downloads Electron)', () => {
    expect(packageJson.scripts.dist).toContain('electron-builder');
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).not.toMatch(/electron-builder|npm run dist/);
  });
});
