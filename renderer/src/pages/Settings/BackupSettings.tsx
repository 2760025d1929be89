import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { BackupFileView, BackupStatus, ChosenFile } from '../../../../preload/schemas/files';
import { BACKUP_KEEP_LIMITS } from '../../../../preload/common/limits';
import { formatDay } from '../../../../preload/common/dates';
import { plural } from '../../../../preload/common/plural';
import type { ApiError } from '../../../../preload/result';
import { Card } from '../../components/Card';
import { CheckboxField } from '../../components/CheckboxField';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { downloadFrom } from '../../lib/download';
import { useAppInfo } from '../../queries/app';
import { chooseFile, uploadFile, useBackupActions, useBackupStatus } from '../../queries/backup';
import { toApiError } from '../../queries/channel';

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** "Back up now": the Save dialog (desktop app) or a download (browser). */
function BackupNow() {
  const { create } = useBackupActions();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const run = async (): Promise<void> => {
    setProblem(null);
    const outcome = await create.run(undefined, (made) => (made ? { title: 'Backup written', description: `${made.shownAs} (${megabytes(made.bytes)}), checked by SQLite.` } : { title: 'No backup written', description: 'The Save dialog was cancelled.' }));
    if (!outcome.ok) setProblem(outcome.error);
    else if (outcome.value?.downloadUrl) downloadFrom(outcome.value.downloadUrl, outcome.value.shownAs);
  };
  return (
    <Card title="Back up now">
      <p className="muted">A copy of all your data in one file: packages, clients, balances, calls, invoices, settings. It can be taken while you work or an import runs.</p>
      {problem ? <ErrorBanner error={problem} title="The backup was not written" /> : null}
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={create.pending} onClick={() => void run()}>
          {create.pending ? 'Backing up…' : 'Back up now…'}
        </button>
      </div>
    </Card>
  );
}

/** Daily backups: on or off, how many are kept, the ones there are. */
function DailyBackups({ backup }: { backup: BackupStatus }) {
  const { saveSettings } = useBackupActions();
  const [daily, setDaily] = useState(backup.daily);
  const [keep, setKeep] = useState(String(backup.keep));
  const [keepError, setKeepError] = useState<string | undefined>(undefined);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const count = Number(keep);
    if (!/^\d+$/.test(keep.trim()) || count < BACKUP_KEEP_LIMITS.min || count > BACKUP_KEEP_LIMITS.max) {
      setKeepError(`Keep a whole number of backups from ${BACKUP_KEEP_LIMITS.min} to ${BACKUP_KEEP_LIMITS.max}.`);
      return;
    }
    const outcome = await saveSettings.run({ daily, keep: count }, () => ({ title: 'Backup settings saved' }));
    setKeepError(outcome.ok ? undefined : (outcome.fieldErrors.keep ?? outcome.error.message));
  };
  return (
    <Card title="Daily backup">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <CheckboxField id="backup-daily" label="Back up every day" hint="When the app starts, and every hour while it runs, if today’s backup is not there yet." checked={daily} onChange={setDaily} />
        <Field id="backup-keep" label="Backups to keep" hint="The oldest go once there are more." error={keepError}>
          {(control) => <input {...control} className="input input--short" inputMode="numeric" value={keep} onChange={(event) => setKeep(event.target.value)} />}
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={saveSettings.pending}>
            Save
          </button>
        </div>
      </form>
      <p className="muted">
        Kept in <code data-testid="backup-folder">{backup.folder}</code>
      </p>
      {backup.recent.length === 0 ? (
        <p className="muted">No daily backup yet.</p>
      ) : (
        <ul className="plain-list" aria-label="Daily backups" data-testid="backup-list">
          {backup.recent.map((file) => (
            <li key={file.name}>
              {formatDay(file.date)} — {file.name} ({megabytes(file.bytes)})
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Restore: choose a file (Open dialog, or the browser's file field), see what it holds, confirm. */
function Restore({ desktop }: { desktop: boolean }) {
  const { inspect, restore } = useBackupActions();
  const [chosen, setChosen] = useState<{ file: ChosenFile; view: BackupFileView } | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  const check = async (file: ChosenFile): Promise<void> => {
    const outcome = await inspect.run({ grant: file.grant });
    if (outcome.ok) setChosen({ file, view: outcome.value });
    else setProblem(outcome.error);
  };
  const fromDialog = async (): Promise<void> => {
    setProblem(null);
    try {
      const file = await chooseFile('restore');
      if (file) await check(file);
    } catch (error) {
      setProblem(toApiError(error));
    }
  };
  const fromField = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    try {
      setSending(`Sending ${file.name}…`);
      const uploaded = await uploadFile(file, 'restore', (sent) => setSending(`Sending ${file.name}… ${Math.floor((sent * 100) / Math.max(1, file.size))} %`));
      setSending(null);
      await check(uploaded);
    } catch (error) {
      setSending(null);
      setProblem(toApiError(error));
    }
  };
  const confirm = async (): Promise<void> => {
    if (!chosen) return;
    const outcome = await restore.run({ grant: chosen.file.grant }, (done) => ({ title: `Restored from ${done.name}`, description: `Your previous data is kept in ${done.keptAside}.` }));
    setChosen(null);
    if (!outcome.ok) setProblem(outcome.error);
  };

  return (
    <Card title="Restore from a backup">
      <p className="muted">Replaces all your data with a backup’s. The backup is checked first; your current data is kept beside it in a file of its own.</p>
      {problem ? <ErrorBanner error={problem} title="Nothing was restored" /> : null}
      {desktop ? (
        <div className="form__actions">
          <button type="button" className="button" disabled={inspect.pending || restore.pending} onClick={() => void fromDialog()}>
            Choose a backup…
          </button>
        </div>
      ) : (
        <div className="field">
          <label className="field__label" htmlFor="restore-file">
            Backup file
          </label>
          <input id="restore-file" type="file" accept=".db,.sqlite,.sqlite3,.bak" disabled={sending !== null || restore.pending} onChange={(event) => void fromField(event)} />
        </div>
      )}
      {sending ? (
        <p className="muted" role="status">
          {sending}
        </p>
      ) : null}
      <ConfirmDialog
        open={chosen !== null}
        onOpenChange={(open) => (open ? undefined : setChosen(null))}
        title="Replace your data with this backup?"
        description={
          chosen ? (
            <>
              <strong>{chosen.view.name}</strong> holds {plural(chosen.view.clients, 'client', 'clients')} and {plural(chosen.view.calls, 'call', 'calls')}. Everything you have now is replaced by it, and kept aside in a file
              beside your database.
            </>
          ) : (
            ''
          )
        }
        confirmLabel="Replace my data"
        destructive
        busy={restore.pending}
        onConfirm={() => void confirm()}
      />
    </Card>
  );
}

/** Settings → Backup (issue 14). */
export function BackupSettings() {
  const { backup, status, error, reload } = useBackupStatus();
  const { info } = useAppInfo();
  if (status === 'error' && error) return <ErrorBanner error={error} action={<button type="button" className="button" onClick={() => void reload()}>Try again</button>} />;
  if (!backup || !info) return <Loading label="Loading the backup settings…" />;
  // Issue 16: a team server's database is backed up by the server's own tools; the app's buttons would only be refused.
  if (backup.teamServer !== null) {
    return (
      <div className="settings-stack">
        <Card title="Backups on a team server">
          <p data-testid="backup-team-server">{backup.teamServer}</p>
        </Card>
      </div>
    );
  }
  return (
    <div className="settings-stack">
      <BackupNow />
      {/* Mounted afresh when the saved settings change, so the form starts from them. */}
      <DailyBackups key={`${backup.daily}-${backup.keep}`} backup={backup} />
      <Restore desktop={info.openDialog} />
    </div>
  );
}
