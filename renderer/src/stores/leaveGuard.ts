import { create } from 'zustand';

/**
 * Issue 10: unsaved edits are never lost silently on navigation. A form with unsaved
 * edits holds the guard; a navigation away while it does is parked in `pendingPath`
 * and the window asks (LeaveGuardDialog) before going on.
 */
interface LeaveGuardState {
  /** What the open form would lose ("this client's changes"); null while nothing is unsaved. */
  unsaved: string | null;
  /** Where the person asked to go while edits were unsaved: the dialog asks first. */
  pendingPath: string | null;
  hold(unsaved: string): void;
  release(): void;
  ask(path: string): void;
  stay(): void;
}

export const useLeaveGuard = create<LeaveGuardState>()((set) => ({
  unsaved: null,
  pendingPath: null,
  hold: (unsaved) => set({ unsaved }),
  release: () => set({ unsaved: null, pendingPath: null }),
  ask: (pendingPath) => set({ pendingPath }),
  stay: () => set({ pendingPath: null }),
}));
