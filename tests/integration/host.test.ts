import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../main/events';
import { EVENTS_PATH, MAX_BODY_BYTES, startHost, TOKEN_HEADER, type RunningHost } from '../../main/host/server';
import { tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
let host: RunningHost;
let bus: EventBus;

beforeEach(async () => {
  temp = await tempStore();
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
  bus = new EventBus();
  host = await startHost({ table: temp.table, rendererDir, events: bus });
});
afterEach(async () => {
  await host.close();
  await temp.cleanup();
});

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** node:http rather than fetch, so the Host header can be forged like a DNS-rebinding page would. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: JSON.stringify({ input }),
  });

describe('headless host', () => {
  it('listens on loopback only and serves the page with the token in it', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="rc-api-token" content="${host.token}">`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send('/assets/app.js')).body).toBe('console.log(1)');
  });

  it('serves the handler table to a call with the token', async () => {
    const reply = await api('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { name: 'Basic' } });
    expect(JSON.parse((await api('packages.list', undefined)).body)).toMatchObject({ ok: true, value: [{ name: 'Basic' }] });
  });

  it('rejects a call without the token, or with a wrong one, with 401 and does nothing', async () => {
    const input = { name: 'Sneaky', markupFixed: '0', markupPercent: '0', pulseSeconds: 60 };
    const noToken = await send('/api/packages.create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
    expect(noToken.status).toBe(401);
    expect((await api('packages.create', input, { [TOKEN_HEADER]: 'x'.repeat(host.token.length) })).status).toBe(401);
    expect((await api('packages.create', input, { [TOKEN_HEADER]: 'short' })).status).toBe(401);
    expect(await temp.store.db.selectFrom('packages').selectAll().execute()).toEqual([]);
  });

  it('rejects a wrong Host header (DNS rebinding) with 403, for pages and calls', async () => {
    expect((await send('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await api('packages.list', undefined, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await send('/', { headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('accepts JSON only, within a size limit, by POST', async () => {
    const asForm = await send('/api/packages.list', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [TOKEN_HEADER]: host.token },
      body: 'a=1',
    });
    expect(asForm.status).toBe(415);
    const huge = await api('packages.create', { name: 'x'.repeat(MAX_BODY_BYTES + 10) });
    expect(huge.status).toBe(413);
    const broken = await send('/api/packages.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect((await send('/api/packages.list', { headers: { [TOKEN_HEADER]: host.token } })).status).toBe(405);
  });

  it('takes exactly application/json (an optional utf-8 charset), nothing that merely starts like it', async () => {
    const post = (type: string) =>
      send('/api/packages.list', { method: 'POST', headers: { 'content-type': type, [TOKEN_HEADER]: host.token }, body: '{}' });
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      expect([type, (await post(type)).status]).toEqual([type, 200]);
    }
    for (const type of ['application/jsonp', 'application/json-patch+json', 'application/json; charset=latin1', 'application/json, text/plain', 'text/plain']) {
      expect([type, (await post(type)).status]).toEqual([type, 415]);
    }
  });

  it('answers a malformed percent-encoding in the path with 400, not 500', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%zz.js', '/api/packages.%E0%A4%A']) {
      const reply = await send(path, { method: path.startsWith('/api/') ? 'POST' : 'GET', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token }, body: path.startsWith('/api/') ? '{}' : undefined });
      expect([path, reply.status]).toEqual([path, 400]);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'bad_path' } });
    }
  });

  it('answers bad input with the typed error result, and never serves files outside the renderer', async () => {
    const bad = JSON.parse((await api('packages.create', { name: '', markupFixed: '0', markupPercent: '0', pulseSeconds: 0 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await send('/../secret.txt')).body).not.toContain('secret');
    expect((await send('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await send('/assets/missing.js')).status).toBe(404);
  });
});

/** Opens the event stream and collects its text until `until` says enough (state, not time). */
function openEvents(headers: Record<string, string>) {
  let text = '';
  let notify: (() => void) | undefined;
  const opened = new Promise<{ status: number; contentType: string | undefined; close: () => void }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: EVENTS_PATH, headers }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        notify?.();
      });
      resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
  const until = (done: (text: string) => boolean): Promise<string> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (done(text)) resolve(text);
      };
      notify = check;
      check();
    });
  return { opened, until };
}

describe('headless host events (Server-Sent Events)', () => {
  it('refuses the stream without the token, or with a wrong one', async () => {
    expect((await send(EVENTS_PATH)).status).toBe(401);
    expect((await send(EVENTS_PATH, { headers: { [TOKEN_HEADER]: 'x'.repeat(host.token.length) } })).status).toBe(401);
    expect((await send(EVENTS_PATH, { headers: { host: `evil.example:${host.port}`, [TOKEN_HEADER]: host.token } })).status).toBe(403);
    expect((await send(EVENTS_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: host.token } })).status).toBe(405);
  });

  it('delivers an event emitted on the bus, and the data.changed of a mutation', async () => {
    const stream = openEvents({ [TOKEN_HEADER]: host.token });
    const { status, contentType, close } = await stream.opened;
    expect(status).toBe(200);
    expect(contentType).toContain('text/event-stream');
    await stream.until((text) => text.includes(': connected'));
    const job = { id: 'job-1', status: 'running' };
    bus.emit('import.progress', job as never);
    const first = await stream.until((text) => text.includes('event: import.progress'));
    expect(first).toContain(`event: import.progress\ndata: ${JSON.stringify(job)}\n\n`);
    expect((await api('packages.create', { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 })).status).toBe(200);
    const second = await stream.until((text) => text.includes('event: data.changed'));
    expect(second).toMatch(/event: data\.changed\ndata: \{"domains":\[[^\]]*"packages"/);
    close();
  });
});
