import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EventBus } from '../../main/events';
import { createHandlerTable } from '../../main/handlers/index';
import { HostDownloads } from '../../main/host/downloads';
import { startHost, TOKEN_HEADER, type RunningHost } from '../../main/host/server';
import type { ExportProgress } from '../../preload/schemas/calls';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

let temp: TempStore;
let host: RunningHost;
let bus: EventBus;
let downloads: HostDownloads;

beforeEach(async () => {
  temp = await tempStore();
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
  bus = new EventBus();
  downloads = new HostDownloads(join(temp.dir, 'exports'));
  const table = createHandlerTable({ store: temp.store, host: 'headless', now: () => FIXED_NOW, events: bus, exports: downloads.targets });
  host = await startHost({ table, rendererDir, events: bus, downloads });
  await temp.store.db
    .insertInto('calls')
    .values({
      call_id: 'c1',
      started_at: '2026-11-20 10:00:00',
      account: '100000_a',
      destination: '15145550100',
      description: 'Montreal, QC',
      direction: 'outbound',
      disposition: 'ANSWERED',
      seconds: 60,
      cost_rate_e8: 1000000,
      cost_micros: 10000,
      status: 'unrated',
    })
    .execute();
});
afterEach(async () => {
  await host.close();
  await temp.cleanup();
});

function get(path: string, hostHeader?: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: hostHeader ? { host: hostHeader } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function exportCalls(): Promise<ExportProgress> {
  const done = new Promise<ExportProgress>((resolve) => {
    const stop = bus.listen((name, payload) => {
      const progress = payload as ExportProgress;
      if (name === 'export.progress' && progress.status === 'done') {
        stop();
        resolve(progress);
      }
    });
  });
  const response = await fetch(`${host.url}api/calls.export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
    body: JSON.stringify({ input: { from: '2026-11-01' } }),
  });
  expect(await response.json()).toMatchObject({ ok: true, value: { started: true, fileName: 'calls-from-2026-11-01.csv', total: 1 } });
  return done;
}

it('an export is written under the exports folder and downloaded once, as an attachment, from an unguessable address', async () => {
  const done = await exportCalls();
  expect(done.downloadUrl).toMatch(/^\/api\/downloads\/[0-9a-f]{32}$/);
  expect(done.shownAs).toBe('calls-from-2026-11-01.csv');
  // Another Host header (a DNS-rebinding page) is refused before anything is given away.
  expect((await get(done.downloadUrl!, 'evil.example:80')).status).toBe(403);
  const first = await get(done.downloadUrl!);
  expect(first.status).toBe(200);
  expect(first.headers['content-disposition']).toBe(`attachment; filename="calls-from-2026-11-01.csv"; filename*=UTF-8''calls-from-2026-11-01.csv`);
  expect(first.headers['content-type']).toBe('text/csv; charset=utf-8');
  const rows = parse(first.body) as string[][];
  expect(rows).toHaveLength(2);
  expect(rows[1]).toEqual(['2026-11-20 10:00:00', '', '100000_a', '', 'Outbound', '15145550100', '', 'Montreal, QC', 'Answered', '60', '0', '0.010000', '0.000000', '0.000000', 'Unrated', 'c1']);
  // Once: the second request finds nothing, and the file is gone from the exports folder.
  expect((await get(done.downloadUrl!)).status).toBe(404);
  await expect.poll(() => existsSync(join(temp.dir, 'exports', done.downloadUrl!.split('/').pop()!))).toBe(false);
  // A made-up address finds nothing either.
  expect((await get(`/api/downloads/${'0'.repeat(32)}`)).status).toBe(404);
  expect((await get('/api/downloads/../../test.db')).status).toBe(404);
});
