import type { ReactNode } from 'react';

/** Guide: "*Options only available in the New Version of the reseller system." */
export function NewVersionOnly() {
  return <span className="badge branding-new-only">New version only</span>;
}

/**
 * On each tab, one plain sentence of what its settings drive in this app and what only the
 * provider's portal uses (the provider's API has no branding methods: the reseller enters
 * those there too, see the checklist).
 */
export function DrivesNote({ app, portal }: { app: ReactNode; portal: ReactNode }) {
  return (
    <div className="branding-drives" role="note">
      <p>
        <strong>In this app:</strong> {app}
      </p>
      <p>
        <strong>Only in the provider&apos;s portal:</strong> {portal}
      </p>
    </div>
  );
}
