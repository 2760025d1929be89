import { Rate } from '../../components/Money';
import { useMarkupExample } from '../../queries/pricing';

interface SellRateExampleProps {
  /** The saved package, if any: its markups are replaced by the form's, saved or not. */
  packageId: number | undefined;
  markupFixed: string;
  markupPercent: string;
}

/** The guide's formula, with the person's own markups applied to a 1-cent cost, live (main prices it). */
export function SellRateExample({ packageId, markupFixed, markupPercent }: SellRateExampleProps) {
  const example = useMarkupExample(packageId, markupFixed, markupPercent);
  return (
    <aside className="formula" aria-labelledby="sell-rate-title">
      <h2 className="formula__title" id="sell-rate-title">
        How the markup prices a call
      </h2>
      <p className="formula__expression">
        <span>sell rate =</span>
        <span>&nbsp;&nbsp;(cost + fixed)</span>
        <span>&nbsp;&nbsp;× (1 + percent / 100)</span>
      </p>
      <p className="muted">
        Example from the reseller guide: a cost of 0.01 per minute with a 20 % markup sells at 0.012 per minute.
        Custom rates per destination, when added, override this markup.
      </p>
      <p className="formula__live" aria-live="polite">
        {example.status === 'error' ? (
          'Enter both markups as numbers to see what a 1-cent minute sells for.'
        ) : example.sellRate === null ? (
          'Pricing a 1-cent minute…'
        ) : (
          <>
            With this package, a call costing <Rate value={example.costRate} perMinute /> sells at{' '}
            <strong>
              <Rate value={example.sellRate} perMinute />
            </strong>
            .
          </>
        )}
      </p>
    </aside>
  );
}
