import type { NoticeView } from '../../../preload/schemas/clients';
import { formatDateTime } from '../../../preload/common/format';
import { hrefTo } from '../lib/router';

const KIND_LABELS: Record<string, { label: string; tone: string }> = {
  low_balance: { label: 'Low balance', tone: 'badge badge--warning' },
  suspended: { label: 'Suspended', tone: 'badge badge--danger' },
  reactivated: { label: 'Reactivated', tone: 'badge badge--success' },
  billing: { label: 'Billing', tone: 'badge badge--danger' },
};
// A billing notice of no client is what a billing run of the running app did (issue 10): news, not trouble.
const RUN_SUMMARY = { label: 'Billed', tone: 'badge badge--success' };

function kindOf(notice: NoticeView): { label: string; tone: string } {
  if (notice.kind === 'billing' && notice.clientId === null) return RUN_SUMMARY;
  return KIND_LABELS[notice.kind] ?? { label: notice.kind, tone: 'badge' };
}

interface NoticeListProps {
  notices: readonly NoticeView[];
  /** On the dashboard each notice links to its client's Manage page. */
  linkToClient?: boolean;
}

/** Notices main raised when money moved (or could not be billed): what happened, to whom, when. */
export function NoticeList({ notices, linkToClient = false }: NoticeListProps) {
  return (
    <ul className="notice-list">
      {notices.map((notice) => {
        const kind = kindOf(notice);
        return (
          <li key={notice.id} className="notice-list__item">
            <span className={kind.tone}>{kind.label}</span>
            <span className="notice-list__message">
              {linkToClient && notice.clientId !== null ? <a href={hrefTo(`/clients/${notice.clientId}`)}>{notice.message}</a> : notice.message}
            </span>
            <time className="notice-list__time muted" dateTime={notice.createdAt}>
              {formatDateTime(notice.createdAt)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
