import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { DEMO_SIZE } from '../../queries/demo';
import { useWorkspace } from '../../queries/workspace';

/**
 * Issue 10: "Try the demo" opens a realistic reseller in its own file beside the reseller's
 * (never in their data); inside the demo, "Start the demo again" throws the changes away.
 */
export function DemoDataCard() {
  const { workspace, demoExists, demoDatabasePath, switching, target, refusal, open } = useWorkspace();
  if (workspace === null) return null;
  const inDemo = workspace === 'demo';
  const building = target === 'demo';

  return (
    <Card title={inDemo ? 'You are in the demo' : 'Try the demo'} className="demo-card">
      {inDemo ? (
        <p>
          Change anything you like: this is the demo’s own file, and your data is not touched. <strong>Start the demo again</strong> to throw your changes
          away, or <strong>Back to my data</strong> at the top of every page to return.
        </p>
      ) : (
        <p>
          Explore every page with a realistic reseller: {DEMO_SIZE.clients} clients with sub accounts and DIDs, packages with custom rates, a year of billing and
          payments, and {DEMO_SIZE.cdrs.toLocaleString('en-US')} rated calls (a few of them on unknown sub accounts, left unrated). The demo opens in its own file,
          beside yours{demoDatabasePath ? <> (<code className="path">{demoDatabasePath}</code>)</> : null}: nothing you do there touches your data, and one click
          brings your data back.
        </p>
      )}
      {refusal ? <ErrorBanner error={refusal} title={inDemo ? 'The demo was not started again' : 'The demo was not opened'} /> : null}
      <div className="card__actions">
        {inDemo ? null : (
          <button type="button" className="button button--primary" onClick={() => void open('demo')} disabled={switching} aria-busy={building}>
            {building ? 'Opening the demo…' : 'Try the demo'}
          </button>
        )}
        {inDemo || demoExists ? (
          <button type="button" className={inDemo ? 'button button--primary' : 'button'} onClick={() => void open('demo', true)} disabled={switching}>
            Start the demo again
          </button>
        ) : null}
      </div>
      {building ? <Loading label="Opening the demo: the first time, it builds the demo reseller (clients, a year of billing, then the calls). This takes a few seconds…" /> : null}
    </Card>
  );
}
