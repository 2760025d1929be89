import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security';

/**
 * The window's page comes from `app://renderer/…` (issue 14), not `file://`: a privileged
 * standard scheme gives the page an origin of its own (`file://` pages share one with every
 * file on the disk), and its handler serves only the files of the built renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What protocol.registerSchemesAsPrivileged takes for the app's scheme (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The file of the built renderer an `app://` URL names, or null when it names anything else:
 * another host or scheme, a `..` segment (plain or percent-encoded), an encoded slash or
 * backslash, a NUL, or a path that would land outside `root` once resolved. `/` is the page.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // The URL parser already folded plain `..`; what is left encoded must not become a separator or a parent.
  const raw = url.pathname;
  if (/%2f|%5c|%00/i.test(raw)) return null;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const name = segments.length === 0 ? 'index.html' : segments.join(sep);
  if (isAbsolute(name)) return null;
  const base = resolve(root);
  const file = resolve(base, name);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

/** The response headers every `app://` answer carries: the CSP, no sniffing, no referrer. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The `app://` handler for protocol.handle: the file of the built renderer at `root`, with
 * the CSP as a response header; 403 for a URL that names anything else, 404 for a file not
 * there. `read` is injected by tests.
 */
export function appProtocolHandler(root: string, read: (path: string) => Promise<Uint8Array> = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers: appResponseHeaders('text/plain; charset=utf-8') });
    const file = resolveAppFile(root, request.url);
    if (file === null) return new Response('Not allowed', { status: 403, headers: appResponseHeaders('text/plain; charset=utf-8') });
    try {
      const body = await read(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: appResponseHeaders(CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream') });
    } catch {
      return new Response('Not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') });
    }
  };
}
