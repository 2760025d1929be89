import { useState } from 'react';
import type { ChosenFileContent, FileReadPurpose } from '../../../preload/schemas/files';
import { callChannel, toApiError } from '../queries/channel';
import { chooseFile } from '../queries/backup';
import type { ControlProps } from './Field';

interface DialogFileButtonProps {
  control?: ControlProps;
  purpose: FileReadPurpose;
  label?: string;
  disabled?: boolean;
  /** The file's content, read by main through the grant the Open dialog gave. */
  onOpened(content: ChosenFileContent): void;
  /** Main refused the file (too large, not an image…): its message. */
  onProblem(message: string): void;
}

/**
 * The desktop app's way to choose a small file (issue 14): main's Open dialog keeps the
 * path, the window gets a grant and reads the content through it (files.read). The browser
 * keeps its own file field: this button is for a host with an Open dialog of main's (AppInfo.openDialog).
 */
export function DialogFileButton({ control, purpose, label = 'Choose a file…', disabled = false, onOpened, onProblem }: DialogFileButtonProps) {
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      const chosen = await chooseFile(purpose);
      if (!chosen) return;
      const content = await callChannel('files.read', { grant: chosen.grant, purpose });
      setName(content.name);
      onOpened(content);
    } catch (error) {
      onProblem(toApiError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="form__actions">
      {/* Named by its own text (the field's label would name it otherwise): what it says is what it does. */}
      <button {...control} aria-label={label} type="button" className="button" disabled={disabled || busy} onClick={() => void open()}>
        {label}
      </button>
      <span className="muted">{name ?? 'No file chosen'}</span>
    </span>
  );
}
