import { useAppInfo } from '../queries/app';
import { Card } from './Card';
import { ErrorBanner } from './ErrorBanner';
import { InstallationDetails } from './InstallationDetails';
import { Loading } from './Loading';

/** The installation card shared by the dashboard and settings (App.tsx loads the data). */
export function AppInfoCard({ title = 'This installation' }: { title?: string }) {
  const { info, status, error, load } = useAppInfo();
  return (
    <Card title={title}>
      {info ? <InstallationDetails info={info} /> : null}
      {!info && status === 'error' && error ? (
        <ErrorBanner
          error={error}
          title="Could not read the installation details"
          action={
            <button type="button" className="button button--secondary" onClick={() => void load()}>
              Try again
            </button>
          }
        />
      ) : null}
      {!info && status !== 'error' ? <Loading label="Reading installation details…" /> : null}
    </Card>
  );
}
