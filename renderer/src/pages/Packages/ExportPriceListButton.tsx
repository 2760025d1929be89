import { usePricing } from '../../stores/pricing';
import { showToast } from '../../stores/toasts';
import { downloadTextFile } from './downloadFile';

/** `pricing.priceList`: the package's sell price for every destination of its routes' cost decks, as CSV. */
export function ExportPriceListButton({ packageId, className = 'button button--secondary' }: { packageId: number; className?: string }) {
  const exporting = usePricing((state) => state.exportingPackageId === packageId);
  const priceList = usePricing((state) => state.priceList);
  const handleExport = async (): Promise<void> => {
    const result = await priceList(packageId);
    if (!result.ok) {
      showToast({ tone: 'error', title: 'No price list exported', description: result.error.message });
      return;
    }
    downloadTextFile(result.value.fileName, result.value.csv);
    const rows = result.value.rows === 1 ? '1 destination' : `${result.value.rows} destinations`;
    showToast({ tone: 'success', title: 'Price list exported', description: `${result.value.fileName}: ${rows}.` });
  };
  return (
    <button type="button" className={className} disabled={exporting} onClick={() => void handleExport()}>
      {exporting ? 'Exporting…' : 'Export price list'}
    </button>
  );
}
