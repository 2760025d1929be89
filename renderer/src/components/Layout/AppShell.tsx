import type { ReactNode } from 'react';
import { DemoBanner } from './DemoBanner';
import { LeaveGuardDialog } from './LeaveGuardDialog';
import { Sidebar } from './Sidebar';

const MAIN_ID = 'main-content';

/** Skip link, sidebar navigation, the demo's banner and the main landmark every page renders into. */
export function AppShell({ currentPath, children }: { currentPath: string; children: ReactNode }) {
  return (
    <div className="app">
      {/* A button, not href="#main": the hash belongs to the router. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById(MAIN_ID)?.focus()}>
        Skip to content
      </button>
      <Sidebar currentPath={currentPath} />
      <main id={MAIN_ID} className="main" tabIndex={-1}>
        {/* Issue 10: on every page while the demo is open, above the page, never scrolled away. */}
        <DemoBanner />
        <div className="main__inner">{children}</div>
      </main>
      <LeaveGuardDialog />
    </div>
  );
}
