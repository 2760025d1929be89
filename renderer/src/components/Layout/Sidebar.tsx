import { hrefTo } from '../../lib/router';
import { useAppInfo } from '../../queries/app';
import { Icon } from '../Icon';
import { NAV_ITEMS, isActiveSection } from './navigation';

const HOST_LABELS = { electron: 'Desktop app', headless: 'Browser (headless host)' } as const;

export function Sidebar({ currentPath }: { currentPath: string }) {
  const { info } = useAppInfo();
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
                  title={item.label}
                >
                  <Icon name={item.icon} />
                  <span className="nav-link__label">{item.label}</span>
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
