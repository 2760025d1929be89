/**
 * One push of the outbox in a process of its own (tests/integration/sync-restart-emulator.test.ts),
 * over HTTP to the emulator, so the test can kill this process (SIGKILL) while a call is on the
 * wire, as a crash would. Arguments: LOCATION (the SQLite file, or the PostgreSQL URL) URL
 * USERNAME PASSWORD FOLDER (the key box's, beside the database).
 */
import { isServerLocation, openStore } from '../../db/open';
import { openPgStore } from '../../db/pg';
import { pushDue } from '../../main/sync/pushWorker';
import { VoipmsProvider } from '../../main/sync/voipms';

const [location, baseUrl, username, password, folder] = process.argv.slice(2);
if (!location || !baseUrl || !username || !password || !folder) throw new Error('usage: emulatorPushChild.ts LOCATION URL USERNAME PASSWORD FOLDER');
const store = isServerLocation(location) ? await openPgStore(location, { folder }) : await openStore(location);
const provider = new VoipmsProvider({ credentials: { username, password, baseUrl } });
await pushDue(store, { provider, now: () => new Date('2026-11-25T12:00:00.000Z'), ignoreBackoff: true });
await store.close();
