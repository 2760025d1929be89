import * as Tabs from '@radix-ui/react-tabs';
import { Icon } from '../../components/Icon';
import { BRANDING_TABS, type BrandingTab } from './brandingForm';

/** The tab list; a tab holding a field with an error shows a marker, also in its name. */
export function BrandingTabList({ errorCounts }: { errorCounts: Partial<Record<BrandingTab, number>> }) {
  return (
    <Tabs.List className="tabs__list branding-tabs" aria-label="Branding and access sections">
      {BRANDING_TABS.map(({ value, label }) => {
        const count = errorCounts[value] ?? 0;
        return (
          <Tabs.Trigger key={value} value={value} className={count > 0 ? 'tabs__trigger tabs__trigger--invalid' : 'tabs__trigger'}>
            {label}
            {count > 0 ? (
              <>
                <span className="tabs__marker">
                  <Icon name="alert" size={14} />
                </span>
                <span className="visually-hidden">{count === 1 ? ' (1 error)' : ` (${count} errors)`}</span>
              </>
            ) : null}
          </Tabs.Trigger>
        );
      })}
    </Tabs.List>
  );
}
