import { useNotices } from '../queries/app';
import { Card } from './Card';
import { ErrorBanner } from './ErrorBanner';
import { Loading } from './Loading';
import { NoticeList } from './NoticeList';

const SHOWN = 6;

/** The dashboard's latest notices: low balance, suspended, reactivated, and what automatic billing did. */
export function RecentNoticesCard() {
  const { notices, status, error } = useNotices();

  return (
    <Card title="Recent notices" aside={status === 'ready' && notices.length > 0 ? <span className="muted">{notices.length} in total</span> : null}>
      {status === 'error' && error ? <ErrorBanner error={error} title="Could not load notices" /> : null}
      {status === 'idle' || status === 'loading' ? <Loading label="Loading notices…" /> : null}
      {status === 'ready' && notices.length === 0 ? (
        <p className="muted">No notices yet. You will see here when a client’s balance runs low, a HARD-balance client is suspended or active again, or billing ran at midnight.</p>
      ) : null}
      {status === 'ready' && notices.length > 0 ? <NoticeList notices={notices.slice(0, SHOWN)} linkToClient /> : null}
    </Card>
  );
}
