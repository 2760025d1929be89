import { MAX_TAXES } from '../../../../preload/common/invoiceLimits';
import { errorIdOf } from '../../components/Field';
import { Icon } from '../../components/Icon';
import type { FieldErrors } from '../../lib/issues';
import { canAddTax, newTaxRow, taxControlId, taxErrorTarget, type TaxRow } from './invoiceSettingsForm';

interface TaxesEditorProps {
  /** Prefix of the controls' ids (`invoice`, `client-taxes`). */
  idPrefix: string;
  legend: string;
  hint?: string;
  rows: readonly TaxRow[];
  onChange(rows: TaxRow[]): void;
  /** main's messages by field; `path` is the list's name in them ("defaultTaxes", "taxes"). */
  fieldErrors: FieldErrors;
  path: string;
  disabled?: boolean;
}

/**
 * Taxes applied to an invoice's charges (issue 11: e.g. GST 5 % and QST 9.975 %): a name
 * and a rate per row, at most MAX_TAXES rows. Each control is named for its row, so a
 * screen reader hears "Tax 2 rate" and an error lands under the right one.
 */
export function TaxesEditor({ idPrefix, legend, hint, rows, onChange, fieldErrors, path, disabled = false }: TaxesEditorProps) {
  const rowErrors = new Map<string, string>();
  let listError: string | undefined;
  for (const [field, message] of Object.entries(fieldErrors)) {
    const target = taxErrorTarget(field, path, idPrefix);
    if (!target) continue;
    if (target.row === null) listError ??= message;
    else rowErrors.set(target.fieldId, message);
  }
  const change = (index: number, part: 'name' | 'rate', value: string): void =>
    onChange(rows.map((row, at) => (at === index ? { ...row, [part]: value } : row)));
  const remove = (index: number): void => onChange(rows.filter((_, at) => at !== index));
  const hintId = `${idPrefix}-taxes-hint`;
  const listErrorId = errorIdOf(`${idPrefix}-taxes`);

  return (
    <fieldset className="taxes-editor" aria-describedby={[hint ? hintId : '', listError ? listErrorId : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="empty-line">No taxes: invoices show charges without tax.</p>
      ) : (
        <ol className="taxes-editor__rows">
          {rows.map((row, index) => {
            const nameId = taxControlId(idPrefix, index, 'name');
            const rateId = taxControlId(idPrefix, index, 'rate');
            const nameError = rowErrors.get(nameId);
            const rateError = rowErrors.get(rateId);
            return (
              <li key={row.key} className="taxes-editor__row">
                <div className={nameError ? 'field field--invalid' : 'field'}>
                  <label className="field__label field__label--small" htmlFor={nameId}>
                    Tax {index + 1} name
                  </label>
                  <input
                    id={nameId}
                    className="input"
                    type="text"
                    autoComplete="off"
                    maxLength={40}
                    placeholder="e.g. GST"
                    value={row.name}
                    disabled={disabled}
                    aria-invalid={Boolean(nameError)}
                    aria-describedby={nameError ? errorIdOf(nameId) : undefined}
                    onChange={(event) => change(index, 'name', event.target.value)}
                  />
                  {nameError ? (
                    <p className="field__error" id={errorIdOf(nameId)}>
                      {nameError}
                    </p>
                  ) : null}
                </div>
                <div className={rateError ? 'field field--invalid' : 'field'}>
                  <label className="field__label field__label--small" htmlFor={rateId}>
                    Tax {index + 1} rate
                  </label>
                  <div className="field__control">
                    <input
                      id={rateId}
                      className="input input--number taxes-editor__rate"
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder="5"
                      value={row.rate}
                      disabled={disabled}
                      aria-invalid={Boolean(rateError)}
                      aria-describedby={rateError ? errorIdOf(rateId) : undefined}
                      onChange={(event) => change(index, 'rate', event.target.value)}
                    />
                    <span className="field__suffix">%</span>
                  </div>
                  {rateError ? (
                    <p className="field__error" id={errorIdOf(rateId)}>
                      {rateError}
                    </p>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="button button--ghost-danger button--small taxes-editor__remove"
                  aria-label={`Remove tax ${index + 1}${row.name.trim() ? ` (${row.name.trim()})` : ''}`}
                  disabled={disabled}
                  onClick={() => remove(index)}
                >
                  <Icon name="trash" size={14} />
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="taxes-editor__add">
        <button
          id={`${idPrefix}-taxes-add`}
          type="button"
          className="button button--secondary button--small"
          disabled={disabled || !canAddTax(rows)}
          onClick={() => onChange([...rows, newTaxRow()])}
        >
          <Icon name="plus" size={14} />
          Add a tax
        </button>
        {canAddTax(rows) ? null : <span className="muted">At most {MAX_TAXES} taxes.</span>}
      </div>
      {listError ? (
        <p className="field__error" id={listErrorId}>
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
