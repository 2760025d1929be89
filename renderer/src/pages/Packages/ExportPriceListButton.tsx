import { toApiError } from '../../queries/channel';
import { usePriceListExport } from '../../queries/pricing';
import { showToast } from '../../stores/toasts';
import { downloadTextFile } from './downloadFile';

/** `pricing.priceList`: the package's sell price for every destination of its routes' cost decks, as CSV. */
export function ExportPriceListButton({ packageId, className = 'button button--secondary' }: { packageId: number; className?: string }) {
  const { exportList, exporting } = usePriceListExport(packageId);
  const handleExport = async (): Promise<void> => {
    try {
      const file = await exportList();
      downloadTextFile(file.fileName, file.csv);
      const rows = file.rows === 1 ? '1 destination' : `${file.rows} destinations`;
      // A destination without a cost on the package's route has no price: its row says "no cost".
      const unpriced = file.unpriced > 0 ? `; ${file.unpriced} without a price (no cost on the package’s route: the row says so)` : '';
      showToast({ tone: file.unpriced > 0 ? 'info' : 'success', title: 'Price list exported', description: `${file.fileName}: ${rows}${unpriced}.` });
    } catch (error) {
      showToast({ tone: 'error', title: 'No price list exported', description: toApiError(error).message });
    }
  };
  return (
    <button type="button" className={className} disabled={exporting} onClick={() => void handleExport()}>
      {exporting ? 'Exporting…' : 'Export price list'}
    </button>
  );
}
