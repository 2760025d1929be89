/**
 * One push of the outbox in a process of its own (tests/integration/sync-restart-emulator.test.ts),
 * over HTTP to the emulator, so the test can kill this process (SIGKILL) while a call is on the
 * wire, as a crash would. Arguments: DATABASE URL USERNAME PASSWORD.
 */
import { openStore } from '../../db/open';
import { pushDue } from '../../main/sync/pushWorker';
import { VoipmsProvider } from '../../main/sync/voipms';

const [path, baseUrl, username, password] = process.argv.slice(2);
if (!path || !baseUrl || !username || !password) throw new Error('usage: emulatorPushChild.ts DATABASE URL USERNAME PASSWORD');
const store = await openStore(path);
const provider = new VoipmsProvider({ credentials: { username, password, baseUrl } });
await pushDue(store, { provider, now: () => new Date('2026-11-25T12:00:00.000Z'), ignoreBackoff: true });
await store.close();
