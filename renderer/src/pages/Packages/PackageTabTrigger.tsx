import * as Tabs from '@radix-ui/react-tabs';
import { Icon } from '../../components/Icon';
import type { PackageTab } from './packageFields';

/** A tab of the package editor; a tab holding fields main refused shows a marker, also in its name. */
export function PackageTabTrigger({ value, label, errorCount }: { value: PackageTab; label: string; errorCount: number }) {
  const invalid = errorCount > 0;
  return (
    <Tabs.Trigger value={value} className={invalid ? 'tabs__trigger tabs__trigger--invalid' : 'tabs__trigger'}>
      {label}
      {invalid ? (
        <>
          <span className="tabs__marker">
            <Icon name="alert" size={14} />
          </span>
          <span className="visually-hidden">{errorCount === 1 ? ' (1 error)' : ` (${errorCount} errors)`}</span>
        </>
      ) : null}
    </Tabs.Trigger>
  );
}
