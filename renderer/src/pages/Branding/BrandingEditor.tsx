import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import type { BrandingImage } from '../../../../preload/common/branding';
import type { BrandingView } from '../../../../preload/schemas/branding';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { FieldErrors } from '../../lib/issues';
import { useUnsavedChangesGuard } from '../../lib/router';
import { useBrandingSave } from '../../queries/branding';
import { focusControl } from '../Packages/focusControl';
import {
  brandingFingerprint,
  brandingSummaryItems,
  brandingValuesOf,
  errorCountByTab,
  isBrandingTab,
  liveProblems,
  standingErrors,
  toBrandingSave,
  type BrandingSettingsValues,
  type BrandingTab,
  type BrandingValues,
} from './brandingForm';
import { BrandingTabList } from './BrandingTabs';
import { PortalPreview } from './preview/PortalPreview';
import { BrandingTabPanels } from './tabs/BrandingTabPanels';

const imageErrorsOf = (problems: Partial<Record<BrandingImage, string>>): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([kind, problem]) => [`images.${kind}`, problem]));

/** The Branding & Access form: every tab one form, one Save and one Revert, the portal preview beside it. */
export function BrandingEditor({ initial }: { initial: BrandingView }) {
  const [saved, setSaved] = useState(initial);
  const [baseline, setBaseline] = useState(() => brandingValuesOf(initial));
  const [values, setValues] = useState<BrandingValues>(baseline);
  const [imageProblems, setImageProblems] = useState<Partial<Record<BrandingImage, string>>>({});
  const [submitted, setSubmitted] = useState<BrandingValues | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [tab, setTab] = useState<BrandingTab>('look');
  const { save, saving, saveError, fieldErrors: mainErrors } = useBrandingSave();
  const summaryRef = useRef<HTMLDivElement>(null);

  const unsaved = brandingFingerprint(values) !== brandingFingerprint(baseline);
  // Issue 10: unsaved edits are never lost silently on navigation.
  useUnsavedChangesGuard(unsaved, 'the branding settings');

  const local: FieldErrors = { ...liveProblems(values.settings), ...imageErrorsOf(imageProblems) };
  const errors: FieldErrors = { ...standingErrors(mainErrors, submitted, values), ...local };
  const items = brandingSummaryItems(errors);
  const showSummary = attempted && (items.length > 0 || (saveError !== null && submitted !== null));

  useEffect(() => {
    if (attempted) summaryRef.current?.focus();
  }, [attempted, saveError]);

  const update = (edit: (settings: BrandingSettingsValues) => BrandingSettingsValues): void => setValues((current) => ({ ...current, settings: edit(current.settings) }));
  const setImage = (kind: BrandingImage, dataUrl: string | null): void => setValues((current) => ({ ...current, images: { ...current.images, [kind]: dataUrl } }));
  const setImageProblem = (kind: BrandingImage, problem: string | null): void =>
    setImageProblems((current) => {
      const others = Object.fromEntries(Object.entries(current).filter(([other]) => other !== kind));
      return problem ? { ...others, [kind]: problem } : others;
    });

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    // What the window can already tell is wrong is never sent: nothing changes, the fields say why.
    if (Object.keys(local).length > 0) {
      setSubmitted(null);
      setAttempted(false);
      flushSync(() => setAttempted(true));
      return;
    }
    setSubmitted(values);
    setAttempted(false);
    const result = await save(toBrandingSave(values, baseline), () => ({ title: 'Branding saved', description: 'Enter the same settings in the provider’s portal too: see its tab.' }));
    if (!result) {
      setAttempted(true);
      return;
    }
    const next = brandingValuesOf(result);
    setSaved(result);
    setBaseline(next);
    setValues(next);
    setSubmitted(null);
  };

  const revert = (): void => {
    setValues(baseline);
    setImageProblems({});
    setSubmitted(null);
    setAttempted(false);
  };

  const selectSummaryField = (fieldId: string): void => {
    const target = items.find((item) => item.fieldId === fieldId)?.tab;
    // The field exists only once its tab has rendered.
    if (target) flushSync(() => setTab(target));
    focusControl(fieldId);
  };

  return (
    <form className="form branding" aria-label="Branding and access" onSubmit={(event) => void submit(event)} noValidate aria-busy={saving}>
      {showSummary ? (
        <ErrorSummary
          ref={summaryRef}
          title={items.length > 0 ? 'The branding was not saved. Please correct:' : 'The branding was not saved'}
          items={items}
          message={items.length > 0 ? undefined : saveError?.message}
          onFieldSelect={selectSummaryField}
        />
      ) : null}
      <div className="branding__layout">
        <Tabs.Root className="tabs branding__main" value={tab} onValueChange={(next) => isBrandingTab(next) && setTab(next)}>
          <BrandingTabList errorCounts={errorCountByTab(errors)} />
          <BrandingTabPanels
            settings={values.settings}
            errors={errors}
            update={update}
            saved={saved}
            oldVersion={values.settings.configuringVersion === 'old'}
            images={values.images}
            onImage={setImage}
            onImageProblem={setImageProblem}
          />
        </Tabs.Root>
        {/* Focusable: it scrolls on its own when taller than the window. */}
        <aside className="branding__aside" aria-label="Portal preview" tabIndex={0}>
          <PortalPreview settings={values.settings} images={values.images} savedColors={saved.settings.colors} unsaved={unsaved} />
        </aside>
      </div>
      <div className="form__actions branding__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save branding'}
        </button>
        <button type="button" className="button button--secondary" disabled={saving || !unsaved} onClick={revert}>
          Revert
        </button>
        <span className="muted" data-testid="branding-saved-at">
          {unsaved ? 'Unsaved changes' : saved.savedAt ? `Saved ${new Date(saved.savedAt).toLocaleString()}` : 'Never saved: these are the defaults'}
        </span>
      </div>
    </form>
  );
}
