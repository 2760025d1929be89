import { readView, useChannel } from './channel';

/** The installation's version, schema and database path (sidebar, dashboard, settings). */
export function useAppInfo() {
  const view = readView(useChannel('app.info'));
  return { ...view, info: view.data ?? null, load: view.reload };
}

export function useNotices() {
  const view = readView(useChannel('notices.list'));
  return { ...view, notices: view.data ?? [], load: view.reload };
}
