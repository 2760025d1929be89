import { Card } from '../../components/Card';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { DEMO_SIZE, useDemo } from '../../queries/demo';

/** Shown while the database has no clients: one click builds a realistic reseller to explore. */
export function DemoDataCard() {
  const { clientCount, status, loading, refusal, load } = useDemo();

  if (status !== 'ready' || (clientCount > 0 && !refusal)) return null;
  return (
    <Card title="Try it with demo data" className="demo-card">
      <p>
        Your database has no clients yet. Load a realistic reseller to explore every page: {DEMO_SIZE.clients} clients with sub accounts and DIDs, packages with
        custom rates, a year of billing and payments, and {DEMO_SIZE.cdrs.toLocaleString('en-US')} rated calls (a few of them on unknown sub accounts, left
        unrated). Load it into a database you use for trying things out, not into your real one.
      </p>
      {refusal ? <ErrorBanner error={refusal} title="The demo data was not loaded" /> : null}
      <div className="card__actions">
        <button type="button" className="button button--primary" onClick={() => void load()} disabled={loading} aria-busy={loading}>
          {loading ? 'Loading demo data…' : 'Load demo data'}
        </button>
      </div>
      {loading ? <Loading label="Building the demo reseller: clients, a year of billing, then the calls. This takes a few seconds…" /> : null}
    </Card>
  );
}
