import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VoipmsProvider } from '../../main/sync/voipms';
import { PUSH_LEASE_MS } from '../../main/sync/pushWorker';
import type { SyncStatus } from '../../preload/schemas/sync';
import { seededRandom, startEmulator, type Emulator, type RequestLogEntry } from '../fixtures/emulator';
import { expectProviderMatches, makeChanges } from '../helpers/emulatorSync';
import { syncWorld, type SyncWorld } from '../helpers/syncWorld';

/**
 * Issue 12, "restart in the middle": a process pushing the outbox to the emulator over HTTP is
 * killed (SIGKILL) while a payment or charge is on the wire — applied by the provider, its answer
 * never sent; the database is opened again and the push resumes. Then, as for the soak, the
 * emulator holds exactly what the console holds: nothing charged twice, nothing lost.
 */
let world: SyncWorld;
let emulator: Emulator;
let held: (entry: RequestLogEntry) => void = () => undefined;

beforeEach(async () => {
  world = await syncWorld();
  emulator = await startEmulator({ seed: 5, onHold: (entry) => held(entry) });
});
afterEach(async () => {
  await emulator.stop();
  await world.cleanup();
});

const CHILD = fileURLToPath(new URL('../helpers/emulatorPushChild.ts', import.meta.url));

describe('a push to the emulator killed mid-call', () => {
  it.each([1, 2])('round %i: killed on a money call applied but not answered, reopened, drained: the provider holds what the console holds', async (round) => {
    await makeChanges(world, seededRandom(100 + round), 150);
    // Money calls are applied and then never answered; the first one held kills the pushing process.
    emulator.setFaults({ rates: { appliedTimeout: 0.5 }, methods: ['addPayment', 'addCharge'], seed: round });
    const child = fork(CHILD, [world.location, emulator.url, emulator.username, emulator.password, world.dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let killedOn: RequestLogEntry | null = null;
    held = (entry) => {
      killedOn ??= entry;
      child.kill('SIGKILL');
    };
    expect(await exited).toBe('SIGKILL');
    expect(killedOn).toMatchObject({ applied: true });
    const stuck = await world.store.db.selectFrom('outbox').select(['method', 'state']).where('state', '=', 'sending').execute();
    expect(stuck.map((row) => row.method)).toEqual([killedOn!.method]);

    // Opened again, as after a restart; the faults gone, everything is pushed from here.
    held = () => undefined;
    emulator.setFaults({ rates: {} });
    await world.reopen();
    // A team server takes the dead instance's claim back when its lease ends (SQLite at once: the pid is dead).
    if (world.store.dialect === 'postgres') world.clock.now = new Date(world.clock.now.getTime() + PUSH_LEASE_MS);
    world.provider.current = new VoipmsProvider({ credentials: { username: emulator.username, password: emulator.password, baseUrl: emulator.url } });
    let status = await world.ok<SyncStatus>('sync.push');
    for (let turn = 0; turn < 20 && status.pending + status.failed > 0; turn += 1) status = await world.ok<SyncStatus>('sync.push');
    expect(status).toMatchObject({ pending: 0, failed: 0 });
    // The payment or charge that was on the wire was looked up by its reference, not sent again.
    const lookups = emulator.requests().filter((entry) => entry.method === (killedOn!.method === 'addPayment' ? 'getDeposits' : 'getCharges'));
    expect(lookups.length).toBeGreaterThan(0);
    await expectProviderMatches(world, emulator);
  }, 180_000);
});
