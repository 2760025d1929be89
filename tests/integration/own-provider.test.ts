import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db/open';
import { createHandlerTable } from '../../main/handlers';
import { dispatch } from '../../main/handlers/table';
import { createContext } from '../../main/services/context';
import { ownProvider } from '../../main/sync/pushWorker';
import { API_PASSWORD_ENV, API_USERNAME_ENV, environmentAccess } from '../../main/sync/settings';

const opened: Store[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function open(path: string): Promise<Store> {
  const store = await openStore(path);
  opened.push(store);
  return store;
}

describe('ownProvider: the push worker sends from the reseller\'s own file only', () => {
  it('still sends after the workspace opened that file again (the demo and back, a restore), never from the demo', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'own-provider-'));
    folders.push(folder);
    const own = await open(join(folder, 'reseller.db'));
    const access = environmentAccess({ [API_USERNAME_ENV]: 'reseller@example.com', [API_PASSWORD_ENV]: 'secret-password' });
    const lookup = ownProvider(own, access);

    expect(await lookup(createContext(own))).not.toBeNull();
    // The workspace's switch back opens the same path as a new Store.
    opened.splice(opened.indexOf(own), 1);
    await own.close();
    const reopened = await open(join(folder, 'reseller.db'));
    expect(await lookup(createContext(reopened))).not.toBeNull();
    const demo = await open(join(folder, 'demo.db'));
    expect(await lookup(createContext(demo))).toBeNull();
  });
});

describe('the demo sends no e-mail', () => {
  it('refuses to queue an invoice e-mail in the demo database, and says why', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'demo-email-'));
    folders.push(folder);
    const demo = await open(join(folder, 'demo.db'));
    const demoPath = join(folder, 'demo.db');
    const table = createHandlerTable({ store: demo, host: 'headless', workspace: { workspace: 'demo', demoDatabasePath: demoPath } });
    const refused = await dispatch(table, 'invoices.email', { id: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/demo/);
    // The reseller's own file is not refused for being the demo (here: there is no invoice 1).
    const own = await open(join(folder, 'reseller.db'));
    const ownResult = await dispatch(createHandlerTable({ store: own, host: 'headless' }), 'invoices.email', { id: 1 });
    expect(ownResult.ok ? '' : ownResult.error.message).not.toMatch(/demo/);
  });
});
