/**
 * One push of the outbox in a process of its own (tests/integration/sync-restart.test.ts):
 * its provider is the parent's in-memory fake, reached over the IPC channel, so the parent
 * can kill this process (SIGKILL) while a call is on the wire, as a crash would.
 * Arguments: LOCATION (the SQLite file, or the PostgreSQL URL) FOLDER (the key box's, beside the database).
 */
import { isServerLocation, openStore } from '../../db/open';
import { openPgStore } from '../../db/pg';
import { ProviderError, type Provider, type ProviderErrorKind, type ProviderReply } from '../../main/sync/provider';
import { pushDue } from '../../main/sync/pushWorker';

interface Answer {
  id: number;
  reply?: ProviderReply;
  error?: { kind: ProviderErrorKind; status: string; message: string; method: string };
}

const [location, folder] = process.argv.slice(2);
if (!location || !folder) throw new Error('usage: outboxPushChild.ts LOCATION FOLDER');
const calls = new Map<number, { resolve: (reply: ProviderReply) => void; reject: (error: unknown) => void }>();
let nextId = 0;
process.on('message', (answer: Answer) => {
  const call = calls.get(answer.id);
  calls.delete(answer.id);
  if (answer.error) call?.reject(new ProviderError(answer.error.kind, answer.error.status, answer.error.message, answer.error.method));
  else call?.resolve(answer.reply ?? {});
});
const provider: Provider = {
  call: (method, params = {}) =>
    new Promise<ProviderReply>((resolve, reject) => {
      const id = nextId++;
      calls.set(id, { resolve, reject });
      process.send?.({ id, method, params });
    }),
};
const store = isServerLocation(location) ? await openPgStore(location, { folder }) : await openStore(location);
await pushDue(store, { provider, now: () => new Date('2026-11-25T12:00:00.000Z') });
await store.close();
process.disconnect?.();
