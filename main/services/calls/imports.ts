import type { Store } from '../../../db/open';
import type { ImportListData, ImportRecordView } from '../../../preload/schemas/calls';

/** The default length of the list: the window's "Recent imports" and `cdr imports`. */
export const RECENT_IMPORTS = 20;

/**
 * The imports recorded in the database, newest first: what a list of past imports shows,
 * an interrupted one with its message (issue 9: the reseller must see it to import again).
 */
export async function listImports(store: Pick<Store, 'db'>, input?: ImportListData): Promise<ImportRecordView[]> {
  const rows = await store.db
    .selectFrom('call_imports')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(input?.limit ?? RECENT_IMPORTS)
    .execute();
  return rows.map((row) => ({
    importId: row.id,
    source: row.source,
    format: row.format,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rowsRead: row.rows_read,
    added: row.rows_added,
    duplicates: row.rows_duplicate,
    rejected: row.rows_rejected,
    message: row.message,
  }));
}
