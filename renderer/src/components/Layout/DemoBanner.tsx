import { useWorkspace } from '../../queries/workspace';
import { Icon } from '../Icon';

/**
 * Issue 10: while the demo is open, every page says so at the top, and one action brings the
 * reseller's own data back. A region (found by its name) whose sentence is a status line.
 */
export function DemoBanner() {
  const { workspace, switching, target, refusal, open } = useWorkspace();
  if (workspace !== 'demo') return null;
  return (
    <section className="demo-banner" aria-label="Demo data">
      <Icon name="alert" />
      <p className="demo-banner__text" role="status">
        <strong>You are looking at demo data</strong> — nothing here is your real business.
      </p>
      {refusal ? (
        <p className="demo-banner__refusal" role="alert">
          {refusal.message}
        </p>
      ) : null}
      <button type="button" className="button demo-banner__back" onClick={() => void open('real')} disabled={switching} aria-busy={target === 'real'}>
        {target === 'real' ? 'Opening your data…' : 'Back to my data'}
      </button>
    </section>
  );
}
