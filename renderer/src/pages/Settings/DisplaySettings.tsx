import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { DISPLAY_CURRENCY, DISPLAY_LOCALE, formatMoney, formatRate } from '../../../../preload/common/format';

/** How amounts are shown (DESIGN.md "Money"); read-only until settings live in the database. */
export function DisplaySettings() {
  return (
    <Card title="Money display">
      <DetailList
        details={[
          { term: 'Currency', value: DISPLAY_CURRENCY },
          { term: 'Number format', value: DISPLAY_LOCALE },
          { term: 'Per-minute rates', value: `${formatRate('0.005')} — 4 decimals, up to 8 when a rate has them` },
          { term: 'Balances and call charges', value: `${formatMoney('1234.56785')} — 4 decimals` },
          { term: 'Invoice totals', value: `${formatMoney('1234.565', 2)} — 2 decimals` },
        ]}
      />
      <p className="muted">
        Amounts are kept exactly (no rounding in storage) and rounded half-up only for display. Choosing your
        account currency comes with the provider settings in a later release.
      </p>
    </Card>
  );
}
