import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL, appProtocolHandler, resolveAppFile } from '../../../main/electron/appProtocol';
import { installCrashHandlers, LOG_FILE, reloadCrashedRenderer, rotatingLog } from '../../../main/electron/crashLog';
import { externalLinkAllowed, openExternalSafely } from '../../../main/electron/externalLinks';
import { trustedSender } from '../../../main/electron/ipc';
import { aboutDetails, appMenuTemplate, type MenuActions } from '../../../main/electron/menu';
import { DEFAULT_PLACEMENT, parsePlacement, placeWindow, windowStateFile } from '../../../main/electron/windowState';
import { APP_SECTIONS } from '../../../preload/common/sections';
import { CONTENT_SECURITY_POLICY } from '../../../main/security';

const ROOT = '/opt/reseller-console/out/renderer';

describe('app:// serves the built renderer and nothing else', () => {
  it('maps the page and its assets into the renderer folder', () => {
    expect(resolveAppFile(ROOT, APP_PAGE_URL)).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://renderer/')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppFile(ROOT, 'app://renderer/assets/Inter%20Regular.woff2')).toBe(join(ROOT, 'assets', 'Inter Regular.woff2'));
  });

  it('refuses encoded traversal, separators, NULs, other hosts and schemes', () => {
    for (const url of [
      'app://renderer/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/..%5c..%5cwindows%5cwin.ini',
      'app://renderer/index.html%00.png',
      'app://renderer/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://renderer/index.html',
      'not a url',
    ]) {
      expect(resolveAppFile(ROOT, url), url).toBeNull();
    }
  });

  it('never resolves outside the root, whatever the dots (plain ones fold before the handler sees them)', () => {
    for (const url of ['app://renderer/../../etc/passwd', 'app://renderer/a/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 'app://renderer//etc/passwd', 'app://renderer/./././x']) {
      const file = resolveAppFile(ROOT, url);
      if (file !== null) expect(file.startsWith(`${resolve(ROOT)}/`), `${url} -> ${file}`).toBe(true);
    }
  });

  it('answers with the file and the CSP header; 403 for a refused URL, 404 for a missing file, never reading outside the root', async () => {
    const reads: string[] = [];
    const handler = appProtocolHandler(ROOT, async (path) => {
      reads.push(path);
      if (path === join(ROOT, 'index.html')) return Buffer.from('<!doctype html><title>Reseller Console</title>');
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    });
    const page = await handler(new Request(APP_PAGE_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Reseller Console');
    const refused = await handler(new Request('app://renderer/..%2f..%2fetc%2fpasswd'));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handler(new Request('app://renderer/assets/gone.js'))).status).toBe(404);
    expect((await handler(new Request(APP_PAGE_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
    for (const path of reads) expect(path.startsWith(`${ROOT}/`)).toBe(true);
  });

  it('the IPC sender check trusts app://renderer only', () => {
    const check = trustedSender(APP_PAGE_URL);
    expect(check('app://renderer/index.html#/clients')).toBe(true);
    expect(check('app://evil/index.html')).toBe(false);
    expect(check('evil://renderer/index.html')).toBe(false);
    expect(check('file:///opt/reseller-console/out/renderer/index.html')).toBe(false);
    expect(check('https://renderer/')).toBe(false);
    expect(check(undefined)).toBe(false);
    // A dev-server page never trusts a scheme whose origin is "null".
    expect(trustedSender('http://localhost:5173/')('app://renderer/index.html')).toBe(false);
  });
});

describe('links opened in the browser', () => {
  it('allows https on the provider’s sites and the reseller’s own host only', () => {
    expect(externalLinkAllowed('https://voip.ms/m/settings.php')).toBe(true);
    expect(externalLinkAllowed('https://wiki.voip.ms/article/Reseller')).toBe(true);
    expect(externalLinkAllowed('https://portal.acme-voice.com/login', ['portal.acme-voice.com'])).toBe(true);
    for (const url of [
      'http://voip.ms/',
      'https://voip.ms.evil.example/',
      'https://evil.example/?https://voip.ms/',
      'https://user:pass@voip.ms/',
      'https://voip.ms:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://server/share',
      'https://portal.acme-voice.com/',
      'nonsense',
    ]) {
      expect(externalLinkAllowed(url), url).toBe(false);
    }
  });

  it('opens an allowed link, refuses and logs any other', async () => {
    const opened: string[] = [];
    const logged: string[] = [];
    const opener = { open: async (url: string) => void opened.push(url), log: (line: string) => void logged.push(line), ownHosts: () => ['portal.acme-voice.com'] };
    expect(openExternalSafely('https://portal.acme-voice.com/signup', opener)).toBe(true);
    expect(openExternalSafely('file:///etc/passwd', opener)).toBe(false);
    await Promise.resolve();
    expect(opened).toEqual(['https://portal.acme-voice.com/signup']);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('Refused');
    expect(logged[0]).toContain('file:///etc/passwd');
  });
});

describe('the window’s place, remembered', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rc-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back what it saved, and the default for a missing or bad file', () => {
    const file = windowStateFile(dir);
    expect(file.load()).toEqual(DEFAULT_PLACEMENT);
    file.save({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(file.load()).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
    writeFileSync(file.path, '{"x": "left", "width": 1e9}');
    expect(file.load()).toEqual(DEFAULT_PLACEMENT);
    writeFileSync(file.path, 'not json');
    expect(file.load()).toEqual(DEFAULT_PLACEMENT);
    expect(parsePlacement('{"width":1300,"height":800,"maximized":false,"extra":1}')).toEqual(DEFAULT_PLACEMENT);
  });

  it('keeps a place on a screen, and drops one left on a screen that is gone (the OS centres it)', () => {
    expect(placeWindow({ x: 200, y: 100, width: 1300, height: 850, maximized: false }, [screen])).toEqual({ x: 200, y: 100, width: 1300, height: 850, maximized: false });
    // The second monitor it was on is unplugged.
    expect(placeWindow({ x: 2200, y: 100, width: 1300, height: 850, maximized: false }, [screen])).toEqual({ width: 1300, height: 850, maximized: false });
    // Its title bar above the top of the screen.
    expect(placeWindow({ x: 200, y: -500, width: 1300, height: 850, maximized: true }, [screen])).toEqual({ width: 1300, height: 850, maximized: true });
    // Still on the second screen, to the left of the first.
    expect(placeWindow({ x: -1500, y: 50, width: 1300, height: 850, maximized: false }, [screen, { x: -1600, y: 0, width: 1600, height: 900 }])).toMatchObject({ x: -1500, y: 50 });
  });

  it('fits the size between the minimum and the largest screen', () => {
    expect(placeWindow({ width: 5000, height: 3000, maximized: false }, [screen])).toEqual({ width: 1920, height: 1040, maximized: false });
    expect(placeWindow({ width: 200, height: 100, maximized: false }, [screen])).toEqual({ width: 960, height: 600, maximized: false });
  });
});

describe('the native menu', () => {
  type Item = { label?: string; role?: string; accelerator?: string; click?: () => void; submenu?: Item[]; type?: string };
  const actions = (): MenuActions & { calls: string[] } => {
    const calls: string[] = [];
    return {
      calls,
      navigate: (path) => void calls.push(`navigate ${path}`),
      about: () => void calls.push('about'),
      openDataFolder: () => void calls.push('folder'),
      openHelp: (url) => void calls.push(`help ${url}`),
    };
  };
  const flat = (items: Item[]): Item[] => items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);

  it('lists every section in View, each sending the window there, with shortcuts', () => {
    const act = actions();
    const menu = appMenuTemplate(act, { platform: 'linux', isPackaged: true }) as Item[];
    const view = menu.find((item) => item.label === 'View')!.submenu!;
    for (const section of APP_SECTIONS) {
      const entry = view.find((item) => item.label === section.label)!;
      entry.click!();
      expect(act.calls.at(-1)).toBe(`navigate ${section.path}`);
    }
    expect(view.find((item) => item.label === 'Dashboard')!.accelerator).toBe('CmdOrCtrl+1');
    expect(view.find((item) => item.label === 'Settings')!.accelerator).toBe('CmdOrCtrl+,');
    const accelerators = flat(menu).map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has the standard Edit, View, Window and Help entries, About, and no developer tools when packaged', () => {
    const act = actions();
    const menu = appMenuTemplate(act, { platform: 'win32', isPackaged: true }) as Item[];
    expect(menu.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    const roles = flat(menu).map((item) => item.role).filter(Boolean);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'close', 'quit']) expect(roles).toContain(role);
    expect(roles).not.toContain('toggleDevTools');
    flat(menu).find((item) => item.label === 'About Reseller Console')!.click!();
    flat(menu).find((item) => item.label === 'Import calls…')!.click!();
    flat(menu).find((item) => item.label === 'Reseller guide (VoIP.ms)')!.click!();
    expect(act.calls).toEqual(['about', 'navigate /calls/import', 'help https://wiki.voip.ms/article/Reseller']);
    expect(externalLinkAllowed(act.calls[2]!.slice('help '.length))).toBe(true);
    const dev = appMenuTemplate(act, { platform: 'linux', isPackaged: false }) as Item[];
    expect(flat(dev).map((item) => item.role)).toContain('toggleDevTools');
  });

  it('on macOS puts About and Quit in the app menu', () => {
    const menu = appMenuTemplate(actions(), { platform: 'darwin', isPackaged: true }) as Item[];
    expect(menu[0]!.label).toBe('Reseller Console');
    expect(menu[0]!.submenu!.map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['About Reseller Console', 'quit', 'hide']));
  });

  it('About says the version and the data folder', () => {
    const about = aboutDetails({ version: '0.1.0', dataFolder: '/home/ana/.config/Reseller Console', electron: '39.2.0', node: '22.20.0' });
    expect(about.message).toBe('Reseller Console 0.1.0');
    expect(about.detail).toContain('Data folder: /home/ana/.config/Reseller Console');
    expect(about.detail).toContain('Electron 39.2.0');
  });
});

describe('crash handling', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rc-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates the log by size and keeps the newest files only', () => {
    const log = rotatingLog(dir, { maxBytes: 200, keep: 2, now: () => new Date('2026-12-07T10:00:00Z') });
    for (let k = 0; k < 20; k += 1) log.write('info', `line ${k} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    expect(readFileSync(log.path, 'utf8')).toContain('line 19');
    expect(readFileSync(join(dir, `${LOG_FILE}.2`), 'utf8')).not.toContain('line 0 ');
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(200);
  });

  it('logs and shows a fatal error, logs an unhandled rejection', () => {
    const listeners: Record<string, (value: unknown) => void> = {};
    const shown: string[] = [];
    const log = rotatingLog(dir);
    installCrashHandlers({ process: { on: (event: string, listener: (value: unknown) => void) => (listeners[event] = listener) } as never, log, showError: (title, content) => void shown.push(`${title}: ${content}`) });
    listeners.uncaughtException!(new Error('disk on fire'));
    listeners.unhandledRejection!(new Error('nobody caught me'));
    const text = readFileSync(log.path, 'utf8');
    expect(text).toContain('FATAL Error: disk on fire');
    expect(text).toContain('ERROR Unhandled rejection: Error: nobody caught me');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('disk on fire');
    expect(shown[0]).toContain(log.path);
  });

  it('reloads a crashed window, but not in a loop', () => {
    let gone: ((event: unknown, details: { reason: string; exitCode: number }) => void) | undefined;
    const contents = { on: (_event: string, listener: typeof gone) => (gone = listener), reload: vi.fn() };
    const shown: string[] = [];
    let clock = 0;
    reloadCrashedRenderer(contents as never, { log: rotatingLog(dir), showError: (title) => void shown.push(title), now: () => clock, maxReloads: 2, windowMs: 60_000 });
    gone!({}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reload).not.toHaveBeenCalled();
    gone!({}, { reason: 'crashed', exitCode: 139 });
    clock = 1_000;
    gone!({}, { reason: 'oom', exitCode: 1 });
    expect(contents.reload).toHaveBeenCalledTimes(2);
    clock = 2_000;
    gone!({}, { reason: 'crashed', exitCode: 139 });
    expect(contents.reload).toHaveBeenCalledTimes(2);
    expect(shown).toHaveLength(1);
    // A minute later it may reload again.
    clock = 70_000;
    gone!({}, { reason: 'crashed', exitCode: 139 });
    expect(contents.reload).toHaveBeenCalledTimes(3);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toContain('renderer is gone: oom');
  });
});

describe('what the window is made of, read as text', () => {
  it('the window’s options are one literal holding every security flag', () => {
    const source = readFileSync('main/electron/window.ts', 'utf8');
    const start = source.indexOf('new BrowserWindow({');
    expect(start).toBeGreaterThan(0);
    const literal = source.slice(start, source.indexOf('\n  });', start));
    expect(source.match(/new BrowserWindow\(/g)).toHaveLength(1);
    for (const flag of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'experimentalFeatures: false',
      'webviewTag: false',
      "disableBlinkFeatures: 'Auxclick'",
    ]) {
      expect(literal, flag).toContain(flag);
    }
    // No spread or helper call could hide a flag from a scanner.
    expect(literal).not.toMatch(/\.\.\.|webPreferences: [a-zA-Z]/);
  });

  it('the preload bundles channel and event names, not the schemas (issue 14)', async () => {
    const result = await build({ entryPoints: ['preload/index.ts'], bundle: true, write: false, platform: 'node', format: 'cjs', external: ['electron'], minify: true, logLevel: 'silent' });
    const text = result.outputFiles[0]!.text;
    expect(text.length).toBeLessThan(16_000);
    expect(text).not.toContain('ZodError');
    expect(text).toContain('packages.create');
    expect(text).toContain('data.changed');
  });
});
