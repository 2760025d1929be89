import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { hrefTo } from '../lib/router';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        icon="alert"
        title={`There is no page at ${path}`}
        action={
          <a className="button button--primary" href={hrefTo('/')}>
            Go to the dashboard
          </a>
        }
      />
    </>
  );
}
