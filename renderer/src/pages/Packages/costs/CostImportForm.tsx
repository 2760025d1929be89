import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RouteChoice } from '../../../../../preload/common/catalog';
import { Card } from '../../../components/Card';
import { CheckboxField } from '../../../components/CheckboxField';
import { ChoiceField, type Choice } from '../../../components/ChoiceField';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Field } from '../../../components/Field';
import type { CostImport } from '../../../queries/costs';
import { showToast } from '../../../stores/toasts';
import { useAppInfo } from '../../../queries/app';
import { DialogFileButton } from '../../../components/DialogFileButton';
import { ROUTES, ROUTE_LABELS as ROUTE_NAMES } from '../../../../../preload/common/catalog';

const IDS = { route: 'cost-route', file: 'cost-file', replace: 'cost-replace' } as const;
const ROUTE_CHOICES: readonly Choice<RouteChoice>[] = ROUTES.map((route) => ({ value: route, label: ROUTE_NAMES[route] }));

/** Reads the CSV in the page and sends its text to `costs.import` (no file path crosses to main). */
export function CostImportForm({ costImport }: { costImport: CostImport }) {
  const { importing, error, fieldErrors, importDeck } = costImport;
  const [route, setRoute] = useState<RouteChoice>('value');
  // A browser File, or (desktop app) what main read of the file its Open dialog chose: a name and a text either way.
  const [file, setFile] = useState<{ name: string; text(): Promise<string> } | null>(null);
  const [dialogProblem, setDialogProblem] = useState<string | null>(null);
  const desktop = useAppInfo().info?.openDialog === true;
  const [replace, setReplace] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      fileInput.current?.focus();
      return;
    }
    const result = await importDeck({ route, csv: await file.text(), replace });
    if (!result) return;
    if (result.failure !== null) {
      // Nothing went in: a failure, with the reasons in the report below the form.
      showToast({ tone: 'error', title: 'Cost deck not imported', description: `${result.failure} The reasons are listed under “Last import”.` });
      return;
    }
    const title = result.rejected.length > 0 ? 'Cost deck imported, with refused lines' : 'Cost deck imported';
    showToast({ tone: 'success', title, description: `${result.imported} of ${result.total} lines imported into ${ROUTE_NAMES[route]}.` });
  };

  const fileError = missingFile ? 'Choose the CSV file to import' : (dialogProblem ?? fieldErrors.csv ?? undefined);
  const hasFieldErrors = Boolean(fieldErrors.csv || fieldErrors.route);
  return (
    <Card title="Import the provider’s rates">
      <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-busy={importing}>
        {error && !hasFieldErrors ? (
          <div ref={errorRef} tabIndex={-1}>
            <ErrorBanner error={error} title="Nothing was imported" />
          </div>
        ) : null}
        <ChoiceField
          id={IDS.route}
          legend="Route"
          hint="The rates of one route per file: Value or Premium, as the provider lists them."
          error={fieldErrors.route}
          value={route}
          choices={ROUTE_CHOICES}
          onChange={(next) => setRoute(next)}
          inline
        />
        <Field
          id={IDS.file}
          label="CSV file"
          hint={
            <>
              Columns <code>destination</code>, <code>prefix</code>, <code>rate</code> (per minute) and <code>increment</code>{' '}
              (seconds; 6 when empty), with a header line. USA and Canada lines under the same prefix <code>1</code> are kept apart by their names.
            </>
          }
          error={fileError}
        >
          {(control) =>
            desktop ? (
              <DialogFileButton
                control={control}
                purpose="costs"
                onOpened={(content) => {
                  setFile({ name: content.name, text: () => Promise.resolve(content.text ?? '') });
                  setMissingFile(false);
                  setDialogProblem(null);
                }}
                onProblem={setDialogProblem}
              />
            ) : (
              <input
                {...control}
                ref={fileInput}
                className="file-input"
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  setMissingFile(false);
                }}
              />
            )
          }
        </Field>
        <CheckboxField
          id={IDS.replace}
          label="Replace the route’s whole deck"
          hint="Otherwise the lines are added and a prefix already in the deck takes the new rate. A file without one good line changes nothing."
          checked={replace}
          onChange={setReplace}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={importing}>
            {importing ? 'Importing…' : 'Import rates'}
          </button>
        </div>
      </form>
    </Card>
  );
}
