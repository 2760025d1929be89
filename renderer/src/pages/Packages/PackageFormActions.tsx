import { hrefTo } from '../../lib/router';

interface PackageFormActionsProps {
  isNew: boolean;
  saving: boolean;
  /** An archived package is shown, not edited. */
  readOnly: boolean;
  unsavedChanges: boolean;
}

/** Save for the General, Fees, Free minutes and System configuration tabs (Edit rates saves its own table). */
export function PackageFormActions({ isNew, saving, readOnly, unsavedChanges }: PackageFormActionsProps) {
  return (
    <div className="form__actions">
      <button type="submit" className="button button--primary" disabled={saving || readOnly}>
        {saving ? 'Saving…' : isNew ? 'Create package' : 'Save changes'}
      </button>
      <a className="button button--secondary" href={hrefTo('/packages')}>
        {isNew ? 'Cancel' : 'Back to packages'}
      </a>
      {unsavedChanges ? (
        <p className="unsaved-note" role="status">
          Unsaved changes
        </p>
      ) : null}
    </div>
  );
}
