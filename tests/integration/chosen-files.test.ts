import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlerTable, dispatch } from '../../main/handlers/index';
import { FileGrants, type FileAccess } from '../../main/services/fileGrants';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 14: files chosen with the desktop app's Open dialog. Main keeps the path, the window
 * gets a grant for one purpose, and reads what the purpose allows through it.
 */
let temp: TempStore;
let folder: string;
let picked: string | null;
let table: ReturnType<typeof createHandlerTable>;
beforeEach(async () => {
  temp = await tempStore();
  folder = mkdtempSync(join(tmpdir(), 'rc-chosen-'));
  const files: FileAccess = { grants: new FileGrants(), picker: () => Promise.resolve(picked), uploadsDir: join(temp.dir, 'uploads') };
  table = createHandlerTable({ store: temp.store, host: 'electron', now: () => FIXED_NOW, files });
});
afterEach(async () => {
  await temp.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(table, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function choose(path: string, purpose: string): Promise<string> {
  picked = path;
  return (await call<{ grant: string }>('files.choose', { purpose })).grant;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('a chosen file, read through its grant', () => {
  it('a logo: a PNG by its bytes as a data URL; a program renamed .png refused', async () => {
    const logo = join(folder, 'logo.png');
    writeFileSync(logo, PNG);
    const read = await call<{ dataUrl: string; text: null; name: string }>('files.read', { grant: await choose(logo, 'logo'), purpose: 'logo' });
    expect(read.name).toBe('logo.png');
    expect(read.text).toBeNull();
    expect(read.dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    const fake = join(folder, 'setup.png');
    writeFileSync(fake, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]));
    await expect(call('files.read', { grant: await choose(fake, 'logo'), purpose: 'logo' })).rejects.toThrow(/not a PNG or JPEG image/);
  });

  it('a DID list as text; a grant serves its own purpose only', async () => {
    const list = join(folder, 'dids.csv');
    writeFileSync(list, '+1 514 555 0101\n+1 514 555 0102\n');
    const grant = await choose(list, 'dids');
    expect((await call<{ text: string }>('files.read', { grant, purpose: 'dids' })).text).toContain('514 555 0102');
    await expect(call('files.read', { grant, purpose: 'logo' })).rejects.toThrow(/chosen for something else/);
    picked = null;
    expect(await call('files.choose', { purpose: 'dids' })).toBeNull();
  });

  it('a CDR file imported by main from where it is', async () => {
    const cdr = join(folder, 'november.csv');
    writeFileSync(
      cdr,
      [
        'date,callerid,destination,description,account,disposition,duration,seconds,rate,total,uniqueid',
        '2026-11-20 10:00:00,5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:01:00,60,0.01000000,0.01000000,chosen-1',
        '2026-11-20 10:05:00,5145550100,15145551234,Outgoing to Canada,100000_nobody,ANSWERED,00:02:00,120,0.01000000,0.02000000,chosen-2',
      ].join('\n'),
    );
    const grant = await choose(cdr, 'cdr');
    const job = await call<{ jobId: number; fileName: string }>('calls.importFile', { grant });
    expect(job.fileName).toBe('november.csv');
    let status = await call<{ status: string; added: number }>('calls.importStatus', { jobId: job.jobId });
    // Waits on the job's state (the test's own timeout bounds it), looking again every few milliseconds.
    while (status.status === 'running') {
      await new Promise((done) => setTimeout(done, 5));
      status = await call('calls.importStatus', { jobId: job.jobId });
    }
    expect(status).toMatchObject({ status: 'done', added: 2 });
    // The grant served its import: a second one must choose again.
    await expect(call('calls.importFile', { grant })).rejects.toThrow(/choose the file again/i);
  });
});
