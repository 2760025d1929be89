import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactNode } from 'react';
import { Icon } from './Icon';

interface FormDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  busy: boolean;
  /** main's message when it belongs to no field of the dialog (e.g. "The client is closed"). */
  message?: string | null;
  onSubmit(): void;
  children: ReactNode;
}

/**
 * A small form in a modal (payment, charge, connect a package…). The fields render their
 * own server errors; `message` covers the rest. Nothing is sent until the person submits.
 */
export function FormDialog({ open, onOpenChange, title, description, submitLabel, busy, message, onSubmit, children }: FormDialogProps) {
  const handleSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog dialog--form" {...(description ? {} : { 'aria-describedby': undefined })}>
          <Dialog.Title className="dialog__title">{title}</Dialog.Title>
          {description ? <Dialog.Description className="dialog__description">{description}</Dialog.Description> : null}
          <form className="dialog__form" onSubmit={handleSubmit} noValidate aria-busy={busy}>
            {message ? (
              <div className="banner banner--error" role="alert">
                <Icon name="alert" />
                <p className="banner__body banner__message">{message}</p>
              </div>
            ) : null}
            {children}
            <div className="dialog__actions">
              <Dialog.Close asChild>
                <button type="button" className="button button--secondary">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className="button button--primary" disabled={busy}>
                {busy ? 'Working…' : submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
