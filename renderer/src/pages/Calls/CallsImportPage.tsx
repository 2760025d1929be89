import { useRef, useState, type FormEvent } from 'react';
import { Card } from '../../components/Card';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { hrefTo } from '../../lib/router';
import { useCallsImport, type ImportProblem } from '../../stores/callsImport';
import { useAppInfo } from '../../queries/app';
import { chooseFile } from '../../queries/backup';
import type { ChosenFile } from '../../../../preload/schemas/files';
import { CallsSubnav } from './CallsSubnav';
import { ImportProgressCard } from './ImportProgressCard';
import { RecentImportsCard } from './RecentImportsCard';

const backLink = (
  <a className="back-link" href={hrefTo('/calls')}>
    <Icon name="arrowLeft" size={14} />
    Calls
  </a>
);

const PROBLEM_TITLES: Record<ImportProblem['kind'], string> = {
  refused: 'The import did not go through',
};

function ProblemMessage({ problem }: { problem: ImportProblem }) {
  return <>{problem.message}</>;
}

/** Importing the provider's CDR export: choose a file, follow the progress, read what was refused. */
export function CallsImportPage() {
  const { phase, job, problem, cancelling, start, startChosen, cancel, reset } = useCallsImport();
  const fileInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  // The desktop app: main's Open dialog chose the file; the window holds its grant and name only.
  const [granted, setGranted] = useState<ChosenFile | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const desktop = useAppInfo().info?.openDialog === true;

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (desktop ? !granted : !chosen) {
      setMissingFile(true);
      fileInput.current?.focus();
      return;
    }
    if (desktop) void startChosen(granted!.grant);
    else void start(chosen!);
  };

  const pickWithDialog = async (): Promise<void> => {
    const picked = await chooseFile('cdr').catch(() => null);
    if (picked) {
      setGranted(picked);
      setMissingFile(false);
    }
  };

  const importAnother = (): void => {
    reset();
    setChosen(null);
    setGranted(null);
    if (fileInput.current) fileInput.current.value = '';
  };

  const busy = phase === 'reading' || phase === 'running';
  return (
    <>
      <PageHeader
        title="Import calls"
        back={backLink}
        description="Add call records from the provider: the CSV you export from the portal’s CDR page, or the JSON of its API. Each call is rated with the package of its sub account."
      />
      <CallsSubnav />
      {problem ? (
        <div className="banner banner--error" role="alert">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">{PROBLEM_TITLES[problem.kind]}</p>
            <p className="banner__message">
              <ProblemMessage problem={problem} />
            </p>
          </div>
          {phase === 'finished' && !job ? (
            <button type="button" className="button button--secondary" onClick={importAnother}>
              Import another file
            </button>
          ) : null}
        </div>
      ) : null}
      {phase === 'idle' || phase === 'reading' ? (
        <Card title="Choose a file">
          <form className="stacked-form" onSubmit={submit} noValidate aria-busy={busy}>
            <Field
              id="cdr-file"
              label="CDR file"
              hint={`CSV with the header date,callerid,destination,…,uniqueid, or the provider’s JSON. Any size: the file is read in slices. Calls already imported are skipped, so importing a file twice is safe.`}
              error={missingFile && !(desktop ? granted : chosen) ? 'Choose a file to import' : undefined}
            >
              {(control) =>
                desktop ? (
                  <span className="form__actions">
                    <button {...control} aria-label="Choose a file…" type="button" className="button" disabled={busy} onClick={() => void pickWithDialog()}>
                      Choose a file…
                    </button>
                    <span className="muted">{granted ? granted.name : 'No file chosen'}</span>
                  </span>
                ) : (
                <input
                  {...control}
                  ref={fileInput}
                  className="input input--file"
                  type="file"
                  accept=".csv,.json,text/csv,application/json"
                  disabled={busy}
                  onChange={(event) => {
                    setChosen(event.target.files?.[0] ?? null);
                    setMissingFile(false);
                  }}
                />
                )
              }
            </Field>
            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                <Icon name="upload" size={16} />
                {phase === 'reading' ? 'Reading the file…' : 'Start import'}
              </button>
            </div>
            {phase === 'reading' ? <Loading label="Reading the file…" /> : null}
          </form>
        </Card>
      ) : null}
      {job && (phase === 'running' || phase === 'finished') ? (
        <ImportProgressCard job={job} cancelling={cancelling} onCancel={() => void cancel()} onImportAnother={importAnother} />
      ) : null}
      <RecentImportsCard />
    </>
  );
}
