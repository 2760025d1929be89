import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';
import { hrefTo } from '../../lib/router';
import { usePackages } from '../../queries/packages';

interface Step {
  label: string;
  done: boolean;
  /** Link when the step can be done today; otherwise it is marked as a later release. */
  path?: string;
}

/** The order of work from the reseller guide: packages first, then clients, then reports. */
export function GettingStartedCard() {
  const packageCount = usePackages().packages.length;
  const steps: Step[] = [
    { label: 'Create a package with your markup and pulse', done: packageCount > 0, path: '/packages/new' },
    { label: 'Add clients and connect packages, DIDs and sub accounts', done: false, path: '/clients/new' },
    { label: 'Sync call records from VoIP.ms', done: false },
    { label: 'Review revenue and profit in Reports', done: false, path: '/reports' },
  ];
  return (
    <Card title="Getting started">
      <ol className="steps">
        {steps.map((step) => (
          <li key={step.label} className={step.done ? 'steps__item steps__item--done' : 'steps__item'}>
            <span className="steps__marker" aria-hidden="true">
              {step.done ? <Icon name="check" size={14} /> : null}
            </span>
            {step.path && !step.done ? <a href={hrefTo(step.path)}>{step.label}</a> : <span>{step.label}</span>}
            {step.done ? <span className="badge badge--success">Done</span> : null}
            {!step.done && !step.path ? <span className="badge">Later release</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
