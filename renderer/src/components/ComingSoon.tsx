import type { ReactNode } from 'react';
import { Card } from './Card';
import { EmptyState } from './EmptyState';
import type { IconName } from './Icon';
import { PageHeader } from './PageHeader';

interface ComingSoonProps {
  title: string;
  icon: IconName;
  /** One sentence: what the section is for. */
  summary: string;
  /** What the section will hold, from DESIGN.md / the reseller guide. */
  features: readonly string[];
}

/** An honest placeholder for a section that later releases fill in. */
export function ComingSoon({ title, icon, summary, features }: ComingSoonProps) {
  return (
    <>
      <PageHeader title={title} description={summary} />
      <Card>
        <EmptyState icon={icon} title="Coming in a later release">
          <p>This section is not built yet. Nothing here reads or changes your data. It will let you:</p>
          <FeatureList features={features} />
        </EmptyState>
      </Card>
    </>
  );
}

function FeatureList({ features }: { features: readonly string[] }): ReactNode {
  return (
    <ul className="feature-list">
      {features.map((feature) => (
        <li key={feature}>{feature}</li>
      ))}
    </ul>
  );
}
