import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { EventBus } from '../../main/events';
import { changesOf, channelNames } from '../../preload/contract';
import { dataDomains } from '../../preload/events';
import { dispatch } from '../../main/handlers/table';
import { tempStore, type TempStore, FIXED_NOW } from '../helpers/store';

let temp: TempStore;
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(() => temp.cleanup());

const call = (name: string, input?: unknown) => dispatch(temp.table, name, input);
const basic = { name: 'Basic', markupFixed: '0', markupPercent: '20', pulseSeconds: 60 };

describe('handler table on a temp-file database', () => {
  it('creates, lists, gets, updates and deletes a package with exact decimals', async () => {
    const created = await call('packages.create', { ...basic, markupFixed: '0.00125' });
    expect(created).toMatchObject({
      ok: true,
      value: {
        id: 1,
        name: 'Basic',
        markupFixed: '0.00125000',
        markupPercent: '20.0000',
        pulseSeconds: 60,
        createdAt: FIXED_NOW.toISOString(),
        updatedAt: FIXED_NOW.toISOString(),
      },
    });
    const row = await temp.store.db.selectFrom('packages').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ markup_fixed_e8: 125_000, markup_percent_e4: 200_000 });
    expect(Number.isInteger(row.markup_fixed_e8)).toBe(true);

    expect(await call('packages.update', { ...basic, id: 1, name: 'Basic 6s', pulseSeconds: 6 })).toMatchObject({
      ok: true,
      value: { name: 'Basic 6s', pulseSeconds: 6 },
    });
    expect(await call('packages.list')).toMatchObject({ ok: true, value: [{ id: 1, name: 'Basic 6s' }] });
    expect(await call('packages.get', { id: 1 })).toMatchObject({ ok: true, value: { name: 'Basic 6s' } });
    expect(await call('packages.delete', { id: 1 })).toEqual({ ok: true, value: { id: 1, archived: false } });
    expect(await call('packages.get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it.each([
    ['empty name', { ...basic, name: '  ' }, 'name', 'Name is required'],
    ['pulse 0', { ...basic, pulseSeconds: 0 }, 'pulseSeconds', 'at least 1'],
    ['pulse 1.5', { ...basic, pulseSeconds: 1.5 }, 'pulseSeconds', 'whole number'],
    ['negative markup', { ...basic, markupFixed: '-1' }, 'markupFixed', 'cannot be negative'],
    ['percent 20%%', { ...basic, markupPercent: '20%%' }, 'markupPercent', 'not a number'],
    ['comma decimal', { ...basic, markupFixed: '0,5' }, 'markupFixed', 'decimal separator'],
    ['unknown field', { ...basic, colour: 'red' }, '', 'colour'],
  ])('refuses %s with a field error and writes nothing', async (_name, input, path, message) => {
    const result = await call('packages.create', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    const issue = result.error.issues?.find((candidate) => candidate.path === path);
    expect(issue?.message ?? result.error.message).toContain(message);
    expect(await temp.store.db.selectFrom('packages').selectAll().execute()).toEqual([]);
  });

  it('refuses a duplicate name (any case) as a field error', async () => {
    await call('packages.create', basic);
    const result = await call('packages.create', { ...basic, name: 'basic' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'name' }] } });
    expect(await temp.store.db.selectFrom('packages').selectAll().execute()).toHaveLength(1);
  });

  it('answers an unknown channel and a missing payload with typed errors, never a throw', async () => {
    expect(await call('packages.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await call('packages.create')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('packages.get', { id: 'one' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('reports app info', async () => {
    expect(await call('app.info')).toMatchObject({ ok: true, value: { schemaVersion: LATEST_SCHEMA_VERSION, host: 'headless' } });
  });
});

describe('data.changed at the handler door', () => {
  function recorder() {
    const bus = new EventBus();
    const heard: { name: string; payload: unknown }[] = [];
    bus.listen((name, payload) => heard.push({ name, payload }));
    return { bus, heard };
  }

  it('announces the domains a successful mutation declares, once', async () => {
    const { bus, heard } = recorder();
    const created = await dispatch(temp.table, 'packages.create', basic, bus);
    expect(created.ok).toBe(true);
    expect(heard).toEqual([{ name: 'data.changed', payload: { domains: [...changesOf('packages.create')] } }]);
    expect(changesOf('packages.create')).toContain('packages');
  });

  it('stays silent for a read, a refused input and a failed mutation', async () => {
    const { bus, heard } = recorder();
    await dispatch(temp.table, 'packages.list', undefined, bus);
    await dispatch(temp.table, 'packages.create', { ...basic, pulseSeconds: 0 }, bus);
    await dispatch(temp.table, 'packages.delete', { id: 999 }, bus);
    expect(heard).toEqual([]);
  });

  it('announces money movements to the ledger, the client and its notices', async () => {
    const client = await dispatch(temp.table, 'clients.create', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', balanceMode: 'soft' });
    expect(client.ok).toBe(true);
    const { bus, heard } = recorder();
    const id = (client as { ok: true; value: { id: number } }).value.id;
    const paid = await dispatch(temp.table, 'clients.payment', { clientId: id, amount: '10' }, bus);
    expect(paid).toMatchObject({ ok: true });
    expect(heard).toHaveLength(1);
    expect((heard[0]!.payload as { domains: string[] }).domains).toEqual(expect.arrayContaining(['ledger', 'clients', 'notices']));
  });

  it('declares changes only with known domains, and every write channel declares some', () => {
    for (const name of channelNames) {
      for (const domain of changesOf(name)) expect(dataDomains).toContain(domain);
    }
    const reads = channelNames.filter((name) => changesOf(name).length === 0);
    expect(reads.every((name) => /\.(list|get|manage|ledger|ledgerCsv|rates|preview|priceList|countries|summary|info|imports|importStatus|importFile|importBegin|importChunk|revealPassword|settings|clientTaxes|pdf|csv|exportMonth|totals|export|cancelExport|financial|dashboard|clientMonth|subaccounts|dids|testConnection|status|items|pullStatus|reconciliation|packageLink|choose|uploadBegin|uploadChunk|inspect|read|previewTemplate|autoConnect)$/.test(name))).toBe(true);
  });

  it('still answers when a listener throws', async () => {
    const bus = new EventBus();
    bus.listen(() => {
      throw new Error('window gone');
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await dispatch(temp.table, 'packages.create', basic, bus)).toMatchObject({ ok: true });
    quiet.mockRestore();
  });
});
