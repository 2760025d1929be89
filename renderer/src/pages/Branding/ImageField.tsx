import { useState, type ChangeEvent } from 'react';
import { BRANDING_IMAGE_LABELS, isNewVersionOnly, type BrandingImage } from '../../../../preload/common/branding';
import { DialogFileButton } from '../../components/DialogFileButton';
import { errorIdOf, hintIdOf } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { useAppInfo } from '../../queries/app';
import { controlIdOf } from './brandingForm';
import { headOfDataUrl, imageFileProblem, readImageFile } from './brandingImages';
import { NewVersionOnly } from './Notes';

const WHERE: Record<BrandingImage, string> = {
  header: 'Across the top of every page of the portal.',
  logo: 'On the login page and beside the title.',
  loginBackground: 'Behind the login box.',
};

interface ImageFieldProps {
  kind: BrandingImage;
  /** The image shown now (a data URL), or null for none. */
  value: string | null;
  /** main's message, when it refused the image. */
  error?: string | undefined;
  oldVersion: boolean;
  onChange(dataUrl: string | null): void;
  /** The window's own refusal of a chosen file (null: the file is fine), kept with the form's errors. */
  onProblem(problem: string | null): void;
}

/**
 * A branding image: chosen with the file field (or the desktop app's Open dialog), checked
 * at once by its size and first bytes, shown as a thumbnail, removable.
 */
export function ImageField({ kind, value, error, oldVersion, onChange, onProblem }: ImageFieldProps) {
  const id = controlIdOf(`images.${kind}`);
  const label = BRANDING_IMAGE_LABELS[kind];
  const newOnly = isNewVersionOnly(`images.${kind}`);
  const disabled = newOnly && oldVersion;
  const desktop = useAppInfo().info?.openDialog === true;
  const [fileName, setFileName] = useState<string | null>(null);

  const accept = (name: string, size: number, dataUrl: string, head: Uint8Array): void => {
    const problem = imageFileProblem(kind, { name, size }, head);
    onProblem(problem);
    if (!problem) {
      setFileName(name);
      onChange(dataUrl);
    }
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again after a refusal reads it again.
    event.target.value = '';
    if (!file) return;
    // Size first: a huge file is refused without reading it.
    const early = imageFileProblem(kind, file, new Uint8Array(await file.slice(0, 16).arrayBuffer()));
    if (early) {
      onProblem(early);
      return;
    }
    const { dataUrl, head } = await readImageFile(file);
    accept(file.name, file.size, dataUrl, head);
  };

  const describedBy = [hintIdOf(id), error ? errorIdOf(id) : null].filter(Boolean).join(' ');
  const control = { id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy };
  return (
    <div className={error ? 'field field--invalid branding-image' : 'field branding-image'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={hintIdOf(id)}>
        {newOnly ? <NewVersionOnly /> : null} PNG or JPEG, at most 2 MB. {WHERE[kind]}
        {disabled ? ' Configure the New version to change it.' : ''}
      </p>
      <div className="branding-image__body">
        <div className="branding-image__thumb" data-testid={`branding-image-${kind}`}>
          {value ? <img src={value} alt={`${label} as chosen`} /> : <span className="muted">None</span>}
        </div>
        <div className="branding-image__actions">
          {desktop ? (
            <DialogFileButton
              control={control}
              purpose="brandingImage"
              label={`Choose the ${label.toLowerCase()}…`}
              disabled={disabled}
              onOpened={(content) => {
                if (content.dataUrl) accept(content.name, content.bytes, content.dataUrl, headOfDataUrl(content.dataUrl));
                else onProblem(`${label}: ${content.name} is not a PNG or JPEG image`);
              }}
              onProblem={(message) => onProblem(`${label}: ${message}`)}
            />
          ) : (
            <input {...control} className="branding-image__input" type="file" accept="image/png,image/jpeg" disabled={disabled} onChange={(event) => void choose(event)} />
          )}
          {fileName && value ? <span className="muted">{fileName}</span> : null}
          {value ? (
            <button
              type="button"
              className="button button--ghost-danger button--small"
              disabled={disabled}
              onClick={() => {
                onProblem(null);
                setFileName(null);
                onChange(null);
              }}
            >
              <Icon name="trash" size={14} />
              Remove the {label.toLowerCase()}
            </button>
          ) : null}
        </div>
      </div>
      {error ? (
        <p className="field__error" id={errorIdOf(id)} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
