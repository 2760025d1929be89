import { hrefTo, useCurrentPath } from '../../lib/router';
import { useCallsSummary } from '../../queries/calls';
import { formatCount } from './callLabels';

const LINKS = [
  { path: '/calls', label: 'Call list' },
  { path: '/calls/import', label: 'Import' },
  { path: '/calls/unrated', label: 'Unrated' },
] as const;

/** The three pages of the Calls section, with the count of calls waiting to be rated. */
export function CallsSubnav() {
  const path = useCurrentPath();
  const { unrated, status } = useCallsSummary();

  return (
    <nav className="subnav" aria-label="Calls">
      <ul className="subnav__list">
        {LINKS.map((link) => {
          const current = path === link.path;
          return (
            <li key={link.path}>
              <a className={current ? 'subnav__link subnav__link--current' : 'subnav__link'} href={hrefTo(link.path)} aria-current={current ? 'page' : undefined}>
                {link.label}
                {link.path === '/calls/unrated' && status === 'ready' && unrated > 0 ? (
                  <span className="subnav__count">
                    <span className="visually-hidden">, </span>
                    {formatCount(unrated)}
                    <span className="visually-hidden"> calls</span>
                  </span>
                ) : null}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
