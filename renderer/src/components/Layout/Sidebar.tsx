import { hrefTo } from '../../lib/router';
import { useAppInfo } from '../../queries/app';
import { useSyncStatus } from '../../queries/sync';
import { Icon } from '../Icon';
import { NAV_ITEMS, isActiveSection } from './navigation';

const SYNC_COUNT_ID = 'sync-count-description';
const HOST_LABELS = { electron: 'Desktop app', headless: 'Browser (headless host)' } as const;

export function Sidebar({ currentPath }: { currentPath: string }) {
  const { info } = useAppInfo();
  const sync = useSyncStatus().data;
  const syncWaiting = sync !== undefined && sync.pending + sync.failed > 0;
  return (
    <aside className="sidebar" aria-label="Application">
      <div className="sidebar__brand">
        <span className="sidebar__logo" aria-hidden="true">
          RC
        </span>
        <span className="sidebar__name">Reseller Console</span>
      </div>
      <nav aria-label="Main" className="sidebar__nav">
        <ul>
          {NAV_ITEMS.map((item) => {
            const active = isActiveSection(item, currentPath);
            return (
              <li key={item.path}>
                <a
                  href={hrefTo(item.path)}
                  className={active ? 'nav-link nav-link--active' : 'nav-link'}
                  aria-current={active ? 'page' : undefined}
                  aria-describedby={item.path === '/sync' && syncWaiting ? SYNC_COUNT_ID : undefined}
                  title={item.label}
                >
                  <Icon name={item.icon} />
                  <span className="nav-link__label">{item.label}</span>
                  {item.path === '/sync' ? <SyncCount /> : null}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {info ? (
        <p className="sidebar__footer">
          Version {info.version}
          <br />
          {HOST_LABELS[info.host]}
        </p>
      ) : null}
    </aside>
  );
}

/** Issue 12: how many changes wait for the provider (red when one failed); nothing when all are sent. The link keeps its name ("Sync"); the count is its description. */
function SyncCount() {
  const { data } = useSyncStatus();
  if (!data || data.pending + data.failed === 0) return null;
  const waiting = data.pending + data.failed;
  const label = data.failed > 0 ? `${waiting} changes waiting, ${data.failed} failed` : `${waiting} changes waiting`;
  return (
    <>
      <span className={data.failed > 0 ? 'nav-link__count nav-link__count--failed' : 'nav-link__count'} aria-hidden="true" title={label} data-testid="sync-count">
        {waiting}
      </span>
      <span id={SYNC_COUNT_ID} hidden>
        {label}
      </span>
    </>
  );
}
