import { useState, type FormEvent } from 'react';
import { todayIso } from '../../../../preload/common/dates';
import { plural } from '../../../../preload/common/plural';
import { Card } from '../../components/Card';
import { Field } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { exportPercent, useMonthExport } from '../../queries/invoices';
import { monthName, previousMonth } from './invoiceLabels';

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Issue 11: every invoice issued in a month as one PDF each, into a folder (Electron asks
 * which; the headless host writes under its exports folder). The bar follows main's
 * 'invoices.exportProgress' events, one per file; the folder is shown once done.
 */
export function ExportMonthCard() {
  const [month, setMonth] = useState(() => previousMonth(todayIso()));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const exporter = useMonthExport();

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!MONTH_PATTERN.test(month)) {
      setProblem('Enter a month as YYYY-MM');
      return;
    }
    setProblem(undefined);
    void exporter.exportMonth(month);
  };
  const percent = exportPercent(exporter.progress);
  const shown = exporter.running || exporter.result !== null;

  return (
    <Card title="Export a month">
      <p className="muted">Every invoice and credit note issued in the month, one PDF each, into a folder.</p>
      <form className="export-month" onSubmit={submit} noValidate aria-busy={exporter.running}>
        <Field id="export-month" label="Month" error={problem}>
          {(control) => <input {...control} className="input input--month" type="month" value={month} onChange={(event) => setMonth(event.target.value)} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={exporter.running}>
          <Icon name="download" size={16} />
          {exporter.running ? 'Exporting…' : 'Export PDFs'}
        </button>
      </form>
      {shown ? (
        <div className="export-month__progress" data-testid="export-progress">
          <ProgressBar
            label="Invoice export progress"
            percent={percent}
            valueText={exporter.progress ? `${exporter.progress.done} of ${exporter.progress.total} PDFs written` : 'Starting…'}
          />
          <p className="muted" aria-live="polite">
            {exporter.progress ? `${exporter.progress.done.toLocaleString('en-US')} of ${plural(exporter.progress.total, 'PDF', 'PDFs')} written` : 'Starting…'}
          </p>
        </div>
      ) : null}
      {exporter.result ? (
        <div role="status" className="banner banner--success export-month__result">
          <Icon name="check" />
          <div className="banner__body">
            <p className="banner__title">
              {monthName(exporter.result.month)}: {plural(exporter.result.files, 'PDF', 'PDFs')} written
            </p>
            <p className="banner__message">
              Folder: <code data-testid="export-folder">{exporter.result.folder}</code>
            </p>
          </div>
        </div>
      ) : null}
      {exporter.error ? (
        <div role="alert" className="banner banner--error">
          <Icon name="alert" />
          <div className="banner__body">
            <p className="banner__title">{exporter.month ? `${monthName(exporter.month)} was not exported` : 'Nothing was exported'}</p>
            <p className="banner__message">{exporter.error.message}</p>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
