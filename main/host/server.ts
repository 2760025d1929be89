import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { eventNames } from '../../preload/events';
import { EventBus } from '../events';
import { dispatch, type HandlerTable } from '../handlers/index';
import { CONTENT_SECURITY_POLICY } from '../security';
import { TEST_CLOCK_PATH } from './testClock';
import { TEST_PICKER_PATH } from './testPicker';
import { DOWNLOADS_PATH, type HostDownloads } from './downloads';

/**
 * The headless host: the same handler table as Electron's ipcMain, served over HTTP on
 * loopback, plus the built renderer. It holds business data, so every API call needs
 * the per-run token (delivered in the served page), a loopback Host header (against DNS
 * rebinding), a JSON body and a bounded size. No logic of its own beyond that.
 */
export const TOKEN_HEADER = 'x-rc-token';
export const TOKEN_META = 'rc-api-token';
/** Server-Sent Events of preload/events.ts; GET with the token header (the window reads it with fetch streaming). */
export const EVENTS_PATH = '/api/events';
// Large enough for a provider cost deck (CSV text); CDR files stream through the CLI or a file path.
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface HostOptions {
  table: HandlerTable;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The bus the handler table's services emit on; dispatch announces mutations on it too. */
  events?: EventBus;
  /**
   * Tests only (main/host/testClock.ts): serves POST /test/clock `{ "now": ISO instant }`,
   * which moves the host's clock and answers what the scheduler then did. Absent, the path does not exist.
   */
  testClock?: (instant: Date) => Promise<unknown>;
  /** Tests only (main/host/testPicker.ts): serves POST /test/pick `{ "path": … }`, what the next Open dialog answers. */
  testPick?: (path: string | null) => void;
  /** Finished exports, served once each at GET /api/downloads/<id> (main/host/downloads.ts). */
  downloads?: Pick<HostDownloads, 'take'>;
}

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function sameToken(given: string | undefined, expected: Buffer): boolean {
  if (given === undefined) return false;
  const candidate = Buffer.from(given);
  // timingSafeEqual needs equal lengths; compare against a same-length dummy so a wrong length costs the same.
  if (candidate.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(candidate, expected);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

const refuse = (res: ServerResponse, status: number, code: string, message: string): void =>
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));

/** `application/json`, optionally with a charset (utf-8: the only one JSON has); nothing else. */
const JSON_CONTENT_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_CONTENT_TYPE.test(header);
}

/** A path segment's text, or null when its percent-encoding is malformed ('%E0%A4%A', '%zz'). */
function decodePath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expectedToken = Buffer.from(token);
  let allowedHosts = new Set<string>();
  const rendererRoot = normalize(options.rendererDir);
  const events = options.events ?? new EventBus();
  const declaredEvents = new Set<string>(eventNames);

  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return refuse(res, 405, 'method_not_allowed', 'Use GET');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, expectedToken)) {
      return refuse(res, 401, 'unauthorized', 'A valid session token is required');
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    // A first comment so the window knows the stream is open (and can refresh what it missed meanwhile).
    res.write(': connected\n\n');
    const stop = events.listen((name, payload) => {
      if (declaredEvents.has(name)) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    req.on('close', stop);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, expectedToken)) {
      return refuse(res, 401, 'unauthorized', 'A valid session token is required');
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return refuse(res, 415, 'unsupported_media_type', 'Send JSON (content-type: application/json)');
    }
    const name = decodePath(channel);
    if (name === null) return refuse(res, 400, 'bad_path', 'The channel name in the path is not valid percent-encoding');
    const body = await readBody(req);
    if (body === null) return refuse(res, 413, 'too_large', `The request is larger than ${MAX_BODY_BYTES} bytes`);
    let envelope: unknown;
    try {
      envelope = body === '' ? {} : JSON.parse(body);
    } catch {
      return refuse(res, 400, 'invalid_json', 'The request body is not valid JSON');
    }
    const input = typeof envelope === 'object' && envelope !== null ? (envelope as { input?: unknown }).input : undefined;
    const result = await dispatch(options.table, name, input, events);
    send(res, 200, JSON.stringify(result));
  }

  async function serveTestClock(req: IncomingMessage, res: ServerResponse, moveClock: (instant: Date) => Promise<unknown>): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, expectedToken)) {
      return refuse(res, 401, 'unauthorized', 'A valid session token is required');
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return refuse(res, 415, 'unsupported_media_type', 'Send JSON (content-type: application/json)');
    }
    const body = await readBody(req);
    let instant = new Date(Number.NaN);
    try {
      const parsed = JSON.parse(body ?? '') as { now?: unknown };
      if (typeof parsed.now === 'string') instant = new Date(parsed.now);
    } catch {
      // Refused below with the same message as a missing field.
    }
    if (Number.isNaN(instant.getTime())) return refuse(res, 400, 'invalid_input', 'Send { "now": an ISO instant }');
    send(res, 200, JSON.stringify({ ok: true, value: (await moveClock(instant)) ?? null }));
  }

  async function serveTestPick(req: IncomingMessage, res: ServerResponse, pick: (path: string | null) => void): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, expectedToken)) {
      return refuse(res, 401, 'unauthorized', 'A valid session token is required');
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      return refuse(res, 415, 'unsupported_media_type', 'Send JSON (content-type: application/json)');
    }
    let parsed: { path?: unknown } = {};
    try {
      parsed = JSON.parse((await readBody(req)) ?? '') as { path?: unknown };
    } catch {
      // Refused below.
    }
    if (typeof parsed.path !== 'string' && parsed.path !== null) return refuse(res, 400, 'invalid_input', 'Send { "path": a file path, or null }');
    pick(parsed.path);
    send(res, 200, JSON.stringify({ ok: true, value: null }));
  }

  /**
   * A finished export, once: its address is the secret (128 random bits, told to the window
   * when the file is complete), since a download the window opens cannot carry the token.
   * The loopback Host check above still applies.
   */
  async function serveDownload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (req.method !== 'GET') return refuse(res, 405, 'method_not_allowed', 'Use GET');
    const file = options.downloads?.take(id) ?? null;
    if (file === null) return refuse(res, 404, 'not_found', 'This download is not there (each is served once)');
    const { size } = await stat(file.path);
    const asciiName = file.name.replace(/[^\w.-]/g, '_');
    res.writeHead(200, {
      'content-type': file.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    const stream = createReadStream(file.path);
    stream.pipe(res);
    await new Promise<void>((resolve) => {
      res.on('close', resolve);
    });
    stream.destroy();
    await rm(file.folder, { recursive: true, force: true });
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', 'Use GET');
    const relative = pathname === '/' ? 'index.html' : decodePath(pathname.slice(1));
    if (relative === null) return refuse(res, 400, 'bad_path', 'The path is not valid percent-encoding');
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) return refuse(res, 404, 'not_found', 'Not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      // Client-side routes fall back to the app page.
      if (extname(relative) !== '') return refuse(res, 404, 'not_found', 'Not found');
      return serveStatic(req, res, '/');
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    if (file.endsWith('index.html')) {
      const page = content
        .toString('utf8')
        .replace('</head>', `<meta name="${TOKEN_META}" content="${token}"></head>`);
      return send(res, 200, page, type);
    }
    send(res, 200, content, type);
  }

  const server = createServer((req, res) => {
    const handle = async (): Promise<void> => {
      if (!allowedHosts.has(req.headers.host ?? '')) {
        return refuse(res, 403, 'forbidden_host', 'This server answers only on 127.0.0.1');
      }
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (pathname === EVENTS_PATH) return serveEvents(req, res);
      if (options.testClock && pathname === TEST_CLOCK_PATH) return serveTestClock(req, res, options.testClock);
      if (options.testPick && pathname === TEST_PICKER_PATH) return serveTestPick(req, res, options.testPick);
      if (pathname.startsWith(DOWNLOADS_PATH)) return serveDownload(req, res, pathname.slice(DOWNLOADS_PATH.length));
      if (pathname.startsWith('/api/')) return serveApi(req, res, pathname.slice('/api/'.length));
      return serveStatic(req, res, pathname);
    };
    handle().catch((error: unknown) => {
      console.error('[host]', error);
      if (!res.headersSent) refuse(res, 500, 'internal', 'Something went wrong in the host');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
