import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/open';
import { createHandlerTable } from '../../main/handlers';
import { dispatch } from '../../main/handlers/table';
import { createContext } from '../../main/services/context';
import { ownProvider } from '../../main/sync/pushWorker';
import { API_PASSWORD_ENV, API_USERNAME_ENV, environmentAccess } from '../../main/sync/settings';
import { tempStore, type TempStore } from '../helpers/store';

// The reseller's own database: a file, or (RC_TEST_STORE=postgres) a team server's; the demo is always a file beside it.
let temp: TempStore;
const opened: Store[] = [];
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await temp.cleanup();
});

async function openDemo(): Promise<{ demo: Store; demoPath: string }> {
  const demoPath = join(temp.dir, 'demo.db');
  const demo = await openStore(demoPath);
  opened.push(demo);
  return { demo, demoPath };
}

describe('ownProvider: the push worker sends from the reseller\'s own database only', () => {
  it('still sends after the workspace opened that database again (the demo and back, a restore), never from the demo', async () => {
    const own = temp.store;
    const access = environmentAccess({ [API_USERNAME_ENV]: 'reseller@example.com', [API_PASSWORD_ENV]: 'secret-password' });
    const lookup = ownProvider(own, access);

    expect(await lookup(createContext(own))).not.toBeNull();
    // The workspace's switch back opens the same database as a new Store.
    const reopened = await temp.reopen();
    opened.push(reopened);
    expect(await lookup(createContext(reopened))).not.toBeNull();
    const { demo } = await openDemo();
    expect(await lookup(createContext(demo))).toBeNull();
  });
});

describe('the demo sends no e-mail', () => {
  it('refuses to queue an invoice e-mail in the demo database, and says why', async () => {
    const { demo, demoPath } = await openDemo();
    const table = createHandlerTable({ store: demo, host: 'headless', workspace: { workspace: 'demo', demoDatabasePath: demoPath } });
    const refused = await dispatch(table, 'invoices.email', { id: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/demo/);
    // The reseller's own database is not refused for being the demo (here: there is no invoice 1).
    const ownResult = await dispatch(createHandlerTable({ store: temp.store, host: 'headless' }), 'invoices.email', { id: 1 });
    expect(ownResult.ok ? '' : ownResult.error.message).not.toMatch(/demo/);
  });
});
