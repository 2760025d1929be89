import type { AppInfo } from '../../../preload/schemas/app';
import { DetailList } from './DetailList';

const HOST_DESCRIPTIONS: Record<AppInfo['host'], string> = {
  electron: 'Desktop app',
  headless: 'Headless host, in your browser',
};

/** What `app.info` reports: which build, which database file. */
export function InstallationDetails({ info }: { info: AppInfo }) {
  return (
    <DetailList
      details={[
        { term: 'Version', value: info.version },
        { term: 'Database', value: <code className="path">{info.databasePath}</code> },
        { term: 'Schema version', value: info.schemaVersion },
        { term: 'Running as', value: HOST_DESCRIPTIONS[info.host] },
      ]}
    />
  );
}
