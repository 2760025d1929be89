import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';

/** Custom rates belong to a saved package: the rates table needs its id. */
export function SaveFirstNotice() {
  return (
    <Card>
      <EmptyState icon="packages" title="Create the package first">
        <p>
          Custom rates and free zones are set on a saved package. Create it with the button on the other tabs, then open it
          from the package list to add rates for USA, Canada, countries or calling codes.
        </p>
      </EmptyState>
    </Card>
  );
}
