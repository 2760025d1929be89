import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { DISPLAY_CURRENCY, DISPLAY_LOCALE, formatMoney, formatRate } from '../../../../preload/common/format';

/** How amounts are shown: the one rule of preload/common/format.ts; read-only until settings live in the database. */
export function DisplaySettings() {
  return (
    <Card title="Money display">
      <DetailList
        details={[
          { term: 'Currency', value: DISPLAY_CURRENCY },
          { term: 'Number format', value: DISPLAY_LOCALE },
          { term: 'Balances, payments, fees and totals', value: `${formatMoney('1234.56785')} — 2 decimals` },
          { term: 'Per-call amounts', value: `${formatMoney('0.123456', 'perCall')} — 4 decimals` },
          { term: 'Per-minute rates', value: `${formatRate('0.0125')} — 4 decimals` },
          { term: 'Rates you set (DID rates, markups, custom rates)', value: `${formatRate('0.00125', 'ownRate')} — as entered, up to 8 decimals` },
        ]}
      />
      <p className="muted">
        Amounts are kept exactly (no rounding in storage) and rounded half-up only for display. Choosing your
        account currency comes with the provider settings in a later release.
      </p>
    </Card>
  );
}
