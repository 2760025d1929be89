import { Rate } from '../../components/Money';
import { EXAMPLE_COST_RATE, exampleSellRate } from '../../lib/sellRate';

/** The guide's formula, with the person's own markups applied to a 1-cent cost, live. */
export function SellRateExample({ markupFixed, markupPercent }: { markupFixed: string; markupPercent: string }) {
  const sellRate = exampleSellRate(EXAMPLE_COST_RATE, markupFixed, markupPercent);
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
        {sellRate === null ? (
          'Enter both markups as numbers to see what a 1-cent minute sells for.'
        ) : (
          <>
            With this package, a call costing <Rate value={EXAMPLE_COST_RATE} perMinute /> sells at{' '}
            <strong>
              <Rate value={sellRate} perMinute />
            </strong>
            .
          </>
        )}
      </p>
    </aside>
  );
}
