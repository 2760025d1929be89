import * as Dialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import type { ActionOutcome } from '../queries/outcome';
import { Icon } from './Icon';

/** A question that, once confirmed, runs an action main may refuse. */
export interface PendingConfirmation {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  run(): Promise<ActionOutcome<unknown>>;
  /** After success, e.g. leave the page. */
  onDone?(): void;
}

interface ActionConfirmDialogProps {
  pending: PendingConfirmation | null;
  onClose(): void;
}

/**
 * Like ConfirmDialog, but it stays open when main refuses and shows why right there
 * (e.g. "Alice still has package “Basic”, DID +1 514…"), next to the button that failed.
 * Focus starts on Cancel so Enter never destroys anything by accident.
 */
export function ActionConfirmDialog({ pending, onClose }: ActionConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const close = (): void => {
    setRefusal(null);
    onClose();
  };
  const confirm = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    setRefusal(null);
    const outcome = await pending.run();
    setBusy(false);
    if (!outcome.ok) {
      setRefusal(outcome.error.message);
      return;
    }
    close();
    pending.onDone?.();
  };

  return (
    <Dialog.Root open={pending !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog" role="alertdialog">
          <Dialog.Title className="dialog__title">{pending?.title}</Dialog.Title>
          <Dialog.Description className="dialog__description">{pending?.description}</Dialog.Description>
          {refusal ? (
            <div className="banner banner--error" role="alert">
              <Icon name="alert" />
              <p className="banner__body banner__message">{refusal}</p>
            </div>
          ) : null}
          <div className="dialog__actions">
            <Dialog.Close asChild>
              <button type="button" className="button button--secondary" autoFocus>
                {refusal ? 'Close' : 'Cancel'}
              </button>
            </Dialog.Close>
            <button
              type="button"
              className={pending?.destructive ? 'button button--danger' : 'button button--primary'}
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? 'Working…' : pending?.confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
