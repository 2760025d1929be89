import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import type { PackageView } from '../../../../preload/schemas/packages';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import type { ApiError } from '../../../../preload/result';
import type { FieldErrors } from '../../lib/issues';
import type { PackageCreateInput } from '../../queries/packages';
import { useUnsavedChangesGuard } from '../../lib/router';
import { useRateDrafts } from '../../stores/rateDrafts';
import { focusControl } from './focusControl';
import { FIELD_LABELS, PACKAGE_TABS, controlIdOf, errorCountByTab, isPackageTab, tabOfField, topLevelErrors, type PackageTab } from './packageFields';
import { EMPTY_PACKAGE_FORM, formValuesOf, toPackageInput, type PackageFormValues } from './packageForm';
import { PackageFormActions } from './PackageFormActions';
import { PackageTabTrigger } from './PackageTabTrigger';
import { PricePreviewPanel } from './PricePreviewPanel';
import { OTHER_PULSE } from './pulse';
import { EditRatesTab } from './rates/EditRatesTab';
import { SaveFirstNotice } from './rates/SaveFirstNotice';
import { RerateCard } from './RerateCard';
import { SellRateExample } from './SellRateExample';
import { FeesTab } from './tabs/FeesTab';
import { FreeMinutesTab } from './tabs/FreeMinutesTab';
import { GeneralTab } from './tabs/GeneralTab';
import { SystemConfigurationTab } from './tabs/SystemConfigurationTab';

interface PackageEditorProps {
  /** The saved package; null while creating one. */
  saved: PackageView | null;
  initialTab?: PackageTab | undefined;
  /** Where the last save stands: in flight, or main's refusal split by field. */
  saveState: { saving: boolean; error: ApiError | null; fieldErrors: FieldErrors };
  /** Creates or updates; resolves with the saved package, or null when main refused. */
  onSubmit(input: PackageCreateInput): Promise<PackageView | null>;
}

interface SummaryEntry extends SummaryItem {
  tab: PackageTab | undefined;
}

function summaryEntries(errors: FieldErrors, pulseIsOther: boolean): SummaryEntry[] {
  return Object.entries(errors).map(([field, message]) => {
    const label = FIELD_LABELS[field] ?? field;
    // Main's messages usually name the field already ("Fixed markup cannot be negative").
    const text = message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
    const fieldId = controlIdOf(field, pulseIsOther);
    return { ...(fieldId ? { fieldId } : {}), text, tab: tabOfField(field) };
  });
}

/** The guide's package form: General, Fees, Free minutes, System configuration and Edit rates tabs. */
export function PackageEditor({ saved, initialTab, saveState, onSubmit }: PackageEditorProps) {
  const { saving, error, fieldErrors } = saveState;
  const [values, setValues] = useState<PackageFormValues>(() => (saved ? formValuesOf(saved) : EMPTY_PACKAGE_FORM));
  const [tab, setTab] = useState<PackageTab>(initialTab ?? 'general');
  const summaryRef = useRef<HTMLDivElement>(null);

  // After a failed save, take the person to the list of problems (it is also a live alert).
  useEffect(() => {
    if (error) summaryRef.current?.focus();
  }, [error]);

  const onChange = <K extends keyof PackageFormValues>(field: K, value: PackageFormValues[K]): void =>
    setValues((current) => ({ ...current, [field]: value }));

  const errors = topLevelErrors(fieldErrors);
  const entries = summaryEntries(errors, values.pulseChoice === OTHER_PULSE);
  const errorCounts = errorCountByTab(errors);
  const unsavedChanges = saved !== null && JSON.stringify(values) !== JSON.stringify(formValuesOf(saved));
  const readOnly = saved?.archived ?? false;
  const ratesUnsaved = useRateDrafts((state) => state.dirty);
  // Issue 10: unsaved edits (the form, or the custom rates table) are never lost silently on navigation.
  const formUnsaved = saved === null ? JSON.stringify(values) !== JSON.stringify(EMPTY_PACKAGE_FORM) : unsavedChanges;
  useUnsavedChangesGuard(!readOnly && (formUnsaved || ratesUnsaved), saved === null ? 'this new package' : `package ${saved.name}`);

  const selectSummaryField = (fieldId: string): void => {
    const entry = entries.find((candidate) => candidate.fieldId === fieldId);
    const target = entry?.tab;
    // The field exists only once its tab has rendered, so open the tab synchronously first.
    if (target) flushSync(() => setTab(target));
    focusControl(fieldId);
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const result = await onSubmit(toPackageInput(values));
    // Show main's normalised values ("0.005" → "0.0050"), so the form is clean again.
    if (result) setValues(formValuesOf(result));
  };

  const tabProps = { values, errors, onChange };
  return (
    <div className="form__layout">
      <div className="form__main">
        {error ? (
          <ErrorSummary
            ref={summaryRef}
            title={entries.length > 0 ? 'The package was not saved. Please correct:' : 'The package was not saved'}
            items={entries}
            message={entries.length > 0 ? undefined : error.message}
            onFieldSelect={selectSummaryField}
          />
        ) : null}
        <Tabs.Root className="tabs" value={tab} onValueChange={(next) => isPackageTab(next) && setTab(next)}>
          <Tabs.List className="tabs__list" aria-label="Package settings">
            {PACKAGE_TABS.map((item) => (
              <PackageTabTrigger key={item.value} value={item.value} label={item.label} errorCount={errorCounts[item.value] ?? 0} />
            ))}
          </Tabs.List>
          {tab === 'rates' ? null : (
            // Edit rates saves its own table; the other tabs are one form with one Save.
            <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-busy={saving}>
              <Tabs.Content value="general">
                <GeneralTab {...tabProps} />
              </Tabs.Content>
              <Tabs.Content value="fees">
                <FeesTab {...tabProps} />
              </Tabs.Content>
              <Tabs.Content value="free-minutes">
                <FreeMinutesTab {...tabProps} onOpenRates={() => setTab('rates')} ratesAvailable={saved !== null} />
              </Tabs.Content>
              <Tabs.Content value="system">
                <SystemConfigurationTab {...tabProps} />
              </Tabs.Content>
              <PackageFormActions isNew={saved === null} saving={saving} readOnly={readOnly} unsavedChanges={unsavedChanges} />
            </form>
          )}
          <Tabs.Content value="rates">
            {saved ? <EditRatesTab packageId={saved.id} freeMinutes={saved.freeMinutes} /> : <SaveFirstNotice />}
          </Tabs.Content>
        </Tabs.Root>
      </div>
      <div className="editor__aside">
        <SellRateExample packageId={saved?.id} markupFixed={values.markupFixed} markupPercent={values.markupPercent} />
        {saved ? <PricePreviewPanel packageId={saved.id} unsavedChanges={unsavedChanges} /> : null}
        {saved && !readOnly ? (
          <RerateCard packageId={saved.id} packageName={saved.name} pricesVersion={saved.updatedAt} unsavedChanges={unsavedChanges} />
        ) : null}
      </div>
    </div>
  );
}
