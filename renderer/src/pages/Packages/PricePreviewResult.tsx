import type { ReactNode } from 'react';
import type { PricePreview } from '../../../../preload/schemas/pricing';
import { Icon } from '../../components/Icon';
import { Money, Rate } from '../../components/Money';
import { hrefTo } from '../../lib/router';

function destinationName(preview: PricePreview): string {
  if (preview.countryName) return preview.countryName;
  if (preview.nanpRegion) return preview.nanpRegion;
  return preview.country ?? 'Unknown destination';
}

function Figure({ term, children, testId }: { term: string; children: ReactNode; testId: string }) {
  return (
    <div className="figures__row">
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A figure main could not know (no cost): said in words, never shown as 0. */
function NotKnown() {
  return <span className="muted">Not known (no cost)</span>;
}

/** No cost for a markup price: what is missing and where to get it, instead of figures. */
function PriceUnknownNotice({ preview }: { preview: PricePreview }) {
  if (!preview.priceUnknown) return null;
  return (
    <div className="banner banner--warning" role="status" data-testid="preview-price-unknown">
      <Icon name="alert" />
      <div className="banner__body">
        <p className="banner__title">
          No cost known for {preview.priceUnknown.destinationLabel}: import a cost deck or type the cost rate.
        </p>
        <p className="banner__message">Missing: {preview.priceUnknown.missing}.</p>
        <p>
          <a href={hrefTo('/packages/costs')}>Open the cost deck</a>
        </p>
      </div>
    </div>
  );
}

/** The figures of one priced call: per-call money to 4 decimals, rates up to 8. */
export function PricePreviewResult({ preview }: { preview: PricePreview }) {
  const profitIsNegative = preview.profit?.startsWith('-') ?? false;
  return (
    <section className="preview__result" aria-labelledby="preview-result-title">
      <h3 className="preview__title" id="preview-result-title">
        {preview.direction === 'inbound' ? 'Inbound from' : 'Call to'} +{preview.destination}
      </h3>
      <p className="preview__destination">
        <span data-testid="preview-destination">{destinationName(preview)}</span>
        {preview.customRateLabel ? <span className="badge">Custom rate: {preview.customRateLabel}</span> : null}
        {preview.freeZone ? <span className="badge badge--success">Free zone</span> : null}
      </p>
      <PriceUnknownNotice preview={preview} />
      <dl className="figures">
        {preview.sellRate !== null ? (
          <Figure term="Sell rate" testId="preview-sell-rate">
            <Rate value={preview.sellRate} perMinute />
          </Figure>
        ) : null}
        <Figure term="Billed" testId="preview-billed">
          {preview.billedSeconds} s
        </Figure>
        {preview.freeSecondsUsed > 0 ? (
          <Figure term="Free minutes used" testId="preview-free">
            {Math.ceil(preview.freeSecondsUsed / 60)} min ({preview.freeSecondsUsed} s)
          </Figure>
        ) : null}
        {preview.charge !== null ? (
          <Figure term="Charge" testId="preview-charge">
            <Money value={preview.charge} kind="perCall" />
          </Figure>
        ) : null}
        <Figure term="Cost" testId="preview-cost">
          {preview.cost !== null ? <Money value={preview.cost} kind="perCall" /> : <NotKnown />}
        </Figure>
        <Figure term="Profit" testId="preview-profit">
          {preview.profit !== null ? (
            <span className={profitIsNegative ? 'figures__loss' : undefined}>
              <Money value={preview.profit} kind="perCall" />
            </span>
          ) : (
            <NotKnown />
          )}
        </Figure>
      </dl>
      <p className="preview__explanation" data-testid="preview-explanation">
        {preview.explanation}
      </p>
      <p className="preview__source">
        {preview.costRate === null ? (
          <>Provider cost: {preview.costSource}.</>
        ) : (
          <>
            Provider cost <Rate value={preview.costRate} perMinute /> — {preview.costSource}.
          </>
        )}
      </p>
    </section>
  );
}
