import { useState, type ChangeEvent } from 'react';
import { errorIdOf, hintIdOf } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { DialogFileButton } from '../../components/DialogFileButton';
import { useAppInfo } from '../../queries/app';
import { kilobytes, LOGO_TYPES, logoProblem, MAX_LOGO_BYTES } from './invoiceSettingsForm';

interface LogoFieldProps {
  id: string;
  /** A PNG or JPEG data URL, or null for no logo. */
  value: string | null;
  /** main's message, when it refused the logo. */
  error?: string | undefined;
  onChange(logo: string | null): void;
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('The file could not be read.')));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * The logo printed at the top of every invoice: a PNG or JPEG read in the window as a data
 * URL (it never leaves the machine), shown as a preview; a file too large or of another
 * kind is refused here with why, before anything is sent.
 */
export function LogoField({ id, value, error, onChange }: LogoFieldProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const shownError = problem ?? error;
  // The desktop app chooses with main's Open dialog; main checks the image by its bytes (issue 14).
  const desktop = useAppInfo().info?.openDialog === true;

  const choose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again after a refusal still reads it.
    event.target.value = '';
    if (!file) return;
    const refused = logoProblem(file);
    if (refused) {
      setProblem(refused);
      return;
    }
    try {
      onChange(await readAsDataUrl(file));
      setProblem(null);
    } catch (readError) {
      setProblem(readError instanceof Error ? readError.message : 'The file could not be read.');
    }
  };

  const describedBy = [hintIdOf(id), shownError ? errorIdOf(id) : null].filter(Boolean).join(' ');
  return (
    <div className={shownError ? 'field field--invalid logo-field' : 'field logo-field'}>
      <label className="field__label" htmlFor={id}>
        Logo
      </label>
      <p className="field__hint" id={hintIdOf(id)}>
        PNG or JPEG, at most {kilobytes(MAX_LOGO_BYTES)}. Printed at the top left of every invoice.
      </p>
      <div className="logo-field__body">
        <div className="logo-field__preview" data-testid="logo-preview">
          {value ? <img src={value} alt="Your logo, as invoices show it" /> : <span className="muted">No logo</span>}
        </div>
        <div className="logo-field__actions">
          {desktop ? (
            <DialogFileButton
              control={{ id, 'aria-invalid': Boolean(shownError), 'aria-describedby': describedBy || undefined }}
              purpose="logo"
              label="Choose an image…"
              onOpened={(content) => {
                if (content.dataUrl) onChange(content.dataUrl);
                setProblem(null);
              }}
              onProblem={setProblem}
            />
          ) : (
            <input
              id={id}
              className="logo-field__input"
              type="file"
              accept={LOGO_TYPES.join(',')}
              aria-invalid={Boolean(shownError)}
              aria-describedby={describedBy}
              onChange={(event) => void choose(event)}
            />
          )}
          {value ? (
            <button
              type="button"
              className="button button--ghost-danger button--small"
              onClick={() => {
                setProblem(null);
                onChange(null);
              }}
            >
              <Icon name="trash" size={14} />
              Remove logo
            </button>
          ) : null}
        </div>
      </div>
      {shownError ? (
        <p className="field__error" id={errorIdOf(id)} role="alert">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
