import { useState, type FormEvent } from 'react';
import type { DidImportResult } from '../../../../preload/schemas/telephony';
import { Card } from '../../components/Card';
import { Field } from '../../components/Field';
import { useDids } from '../../queries/dids';
import { useAppInfo } from '../../queries/app';
import { DialogFileButton } from '../../components/DialogFileButton';

function ImportSummary({ result }: { result: DidImportResult }) {
  return (
    <div className="import-result" role="status">
      <p className="import-result__counts">
        <span>
          <strong data-testid="import-added">{result.added}</strong> added
        </span>
        <span>
          <strong data-testid="import-already-there">{result.alreadyThere}</strong> already there
        </span>
        <span>
          <strong data-testid="import-rejected">{result.rejected.length}</strong> rejected
        </span>
      </p>
      {result.rejected.length > 0 ? (
        <ul className="import-result__rejected" aria-label="Rejected lines">
          {result.rejected.map((line) => (
            <li key={line.line}>
              Line {line.line}: {line.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Pasting the provider's list: one number per line, optionally ", description". Safe to repeat. */
export function ImportDidsCard() {
  const { importList } = useDids();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DidImportResult | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const desktop = useAppInfo().info?.openDialog === true;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const outcome = await importList(text);
    setBusy(false);
    if (outcome.ok) {
      setResult(outcome.value);
      setProblem(undefined);
    } else {
      setResult(null);
      setProblem(outcome.fieldErrors.text ?? outcome.error.message);
    }
  };

  return (
    <Card title="Import a list">
      <form className="stacked-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <Field
          id="did-import-text"
          label="Numbers"
          hint="One number per line, optionally followed by a comma and a description. Numbers already in the inventory are skipped."
          error={problem}
        >
          {(control) => (
            <textarea
              {...control}
              className="input textarea textarea--mono"
              rows={6}
              spellCheck={false}
              placeholder={'+15145550101, Montreal main\n5145550102'}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        {desktop ? (
          <DialogFileButton
            purpose="dids"
            label="Fill from a file…"
            disabled={busy}
            onOpened={(content) => {
              setText(content.text ?? '');
              setProblem(undefined);
            }}
            onProblem={setProblem}
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import numbers'}
          </button>
        </div>
        {result ? <ImportSummary result={result} /> : null}
      </form>
    </Card>
  );
}
