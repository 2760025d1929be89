import type { ReactNode } from 'react';
import type { PricePreview } from '../../../../preload/schemas/pricing';
import { Money, Rate } from '../../components/Money';

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

/** The figures of one priced call: per-call money to 4 decimals, rates up to 8. */
export function PricePreviewResult({ preview }: { preview: PricePreview }) {
  const profitIsNegative = preview.profit.startsWith('-');
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
      <dl className="figures">
        <Figure term="Sell rate" testId="preview-sell-rate">
          <Rate value={preview.sellRate} perMinute />
        </Figure>
        <Figure term="Billed" testId="preview-billed">
          {preview.billedSeconds} s
        </Figure>
        {preview.freeSecondsUsed > 0 ? (
          <Figure term="Free minutes used" testId="preview-free">
            {Math.ceil(preview.freeSecondsUsed / 60)} min ({preview.freeSecondsUsed} s)
          </Figure>
        ) : null}
        <Figure term="Charge" testId="preview-charge">
          <Money value={preview.charge} kind="perCall" />
        </Figure>
        <Figure term="Cost" testId="preview-cost">
          <Money value={preview.cost} kind="perCall" />
        </Figure>
        <Figure term="Profit" testId="preview-profit">
          <span className={profitIsNegative ? 'figures__loss' : undefined}>
            <Money value={preview.profit} kind="perCall" />
          </span>
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
