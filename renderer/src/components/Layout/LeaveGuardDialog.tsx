import { leaveWithoutSaving } from '../../lib/router';
import { useLeaveGuard } from '../../stores/leaveGuard';
import { ConfirmDialog } from '../ConfirmDialog';

/** Issue 10: asked when a link, Back or a typed address would drop unsaved edits. */
export function LeaveGuardDialog() {
  const unsaved = useLeaveGuard((state) => state.unsaved);
  const pendingPath = useLeaveGuard((state) => state.pendingPath);
  const stay = useLeaveGuard((state) => state.stay);
  return (
    <ConfirmDialog
      open={pendingPath !== null}
      onOpenChange={(open) => {
        if (!open) stay();
      }}
      title="Leave without saving?"
      description={`You have unsaved changes${unsaved ? ` to ${unsaved}` : ''}. If you leave this page now, they are lost.`}
      confirmLabel="Leave without saving"
      cancelLabel="Stay on this page"
      destructive
      onConfirm={leaveWithoutSaving}
    />
  );
}
