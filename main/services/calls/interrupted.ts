import type { Store } from '../../../db/open';
import { liveImportIds } from './pg/importPresence';

/** What a start says of an import whose process died while it ran. */
export const INTERRUPTED_MESSAGE =
  'Interrupted: the app or command stopped while this import ran (closed, killed, or a crash). ' +
  'The batches committed before that are kept; import the file again to finish it (calls already there are skipped).';

export interface InterruptedImport {
  importId: number;
  source: string;
  startedAt: string;
  rowsRead: number;
}

/** `process.kill(pid, 0)`: whether a process of that id exists (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * At start, and when the command line opens the database (issue 9, "killed imports stay
 * running forever"): every import recorded as running whose owner is gone is marked
 * 'interrupted', with a message saying what happened and what to do. One another live
 * process runs (a CLI import) is left alone. Its call charges wait on the dirty list for
 * the app's start (postCallCharges) or the next import: the command line only marks.
 * The owner is a process on this computer (SQLite: its pid, `alive`), or on a team server
 * (issue 16) whoever holds the import's presence lock, on whichever machine (pg/importPresence.ts).
 */
export async function markInterruptedImports(
  store: Store,
  now: () => Date,
  alive: (pid: number) => boolean = processAlive,
): Promise<InterruptedImport[]> {
  const running = await store.db
    .selectFrom('call_imports')
    .select(['id', 'source', 'started_at', 'pid'])
    .where('status', '=', 'running')
    .orderBy('id')
    .execute();
  let dead: typeof running;
  if (store.dialect === 'postgres') {
    // Read after the rows: an import's row is committed only once its lock is held.
    const live = await liveImportIds(store.db);
    dead = running.filter((row) => !live.has(row.id));
  } else {
    dead = running.filter((row) => row.pid === null || (row.pid !== process.pid && !alive(row.pid)));
  }
  const marked: InterruptedImport[] = [];
  for (const row of dead) {
    // The rows it committed, counted from what is stored (its own counters are written at its end).
    const counts = await store.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<number>().as('added'))
      .where('import_id', '=', row.id)
      .executeTakeFirstOrThrow();
    const rejects = await store.db
      .selectFrom('call_import_rejects')
      .select((eb) => eb.fn.countAll<number>().as('rejected'))
      .where('import_id', '=', row.id)
      .executeTakeFirstOrThrow();
    const added = Number(counts.added);
    const rejected = Number(rejects.rejected);
    // Only while still running: an import that ended since it was read keeps its own end.
    const updated = await store.db
      .updateTable('call_imports')
      .set({
        status: 'interrupted',
        message: INTERRUPTED_MESSAGE,
        finished_at: now().toISOString(),
        rows_added: added,
        rows_rejected: rejected,
        rows_read: added + rejected,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) continue;
    marked.push({ importId: row.id, source: row.source, startedAt: row.started_at, rowsRead: added + rejected });
  }
  return marked;
}
