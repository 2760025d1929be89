import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startHost, TOKEN_HEADER, type RunningHost } from '../../main/host/server';
import { TEST_CLOCK_PATH, testClockFromEnv } from '../../main/host/testClock';
import { tempStore, type TempStore } from '../helpers/store';

// Issue 10: e2e tests move the headless host's clock to watch midnight billing; nothing else may.
let temp: TempStore;
let rendererDir: string;
const hosts: RunningHost[] = [];

beforeEach(async () => {
  temp = await tempStore();
  rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await temp.cleanup();
});

async function hostWith(testClock?: (instant: Date) => Promise<unknown>): Promise<RunningHost> {
  const host = await startHost({ table: temp.table, rendererDir, testClock });
  hosts.push(host);
  return host;
}

const moveClock = (host: RunningHost, body: string, token = host.token) =>
  fetch(new URL(TEST_CLOCK_PATH, host.url), { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token }, body });

describe('the test clock', () => {
  it('is on only when NODE_ENV is test and RESELLER_CONSOLE_TEST_CLOCK is 1', () => {
    expect(testClockFromEnv({})).toBeNull();
    expect(testClockFromEnv({ RESELLER_CONSOLE_TEST_CLOCK: '1' })).toBeNull();
    expect(testClockFromEnv({ NODE_ENV: 'production', RESELLER_CONSOLE_TEST_CLOCK: '1' })).toBeNull();
    expect(testClockFromEnv({ NODE_ENV: 'test' })).toBeNull();
    expect(testClockFromEnv({ NODE_ENV: 'test', RESELLER_CONSOLE_TEST_CLOCK: 'true' })).toBeNull();
    expect(testClockFromEnv({ NODE_ENV: 'test', RESELLER_CONSOLE_TEST_CLOCK: '1' })).not.toBeNull();
  });

  it('reads the machine clock until set, then ticks on from the instant it was set to', () => {
    let machine = Date.parse('2026-11-25T12:00:00Z');
    const clock = testClockFromEnv({ NODE_ENV: 'test', RESELLER_CONSOLE_TEST_CLOCK: '1' }, () => machine)!;
    expect(clock.now().toISOString()).toBe('2026-11-25T12:00:00.000Z');
    clock.set(new Date('2026-11-26T00:00:05Z'));
    machine += 1_000;
    expect(clock.now().toISOString()).toBe('2026-11-26T00:00:06.000Z');
  });

  it('a host started without it has no such path', async () => {
    const host = await hostWith();
    const reply = await moveClock(host, JSON.stringify({ now: '2026-11-26T00:00:05Z' }));
    expect(reply.status).toBe(405);
  });

  it('a host with it moves the clock behind the session token, and answers what the scheduler did', async () => {
    const moved = vi.fn((instant: Date) => Promise.resolve({ billedOn: instant.toISOString() }));
    const host = await hostWith(moved);
    expect((await moveClock(host, JSON.stringify({ now: '2026-11-26T00:00:05Z' }), 'wrong')).status).toBe(401);
    expect((await moveClock(host, JSON.stringify({ now: 'tomorrow' }))).status).toBe(400);
    expect((await moveClock(host, '{')).status).toBe(400);
    expect(moved).not.toHaveBeenCalled();
    const reply = await moveClock(host, JSON.stringify({ now: '2026-11-26T00:00:05Z' }));
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ ok: true, value: { billedOn: '2026-11-26T00:00:05.000Z' } });
  });
});
