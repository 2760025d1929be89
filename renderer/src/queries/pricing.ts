import { keepPreviousData, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import { EXAMPLE_COST_RATE } from '../../../preload/common/catalog';
import { issuesByField } from '../lib/issues';
import { callChannel, readView, toApiError, useChannel } from './channel';

export type PreviewRequest = ChannelInput<'pricing.preview'>;

/** Every country with its calling code, for the country picker. */
export function useCountries() {
  const view = readView(useChannel('pricing.countries', undefined, { staleTime: Infinity }));
  return { ...view, countries: view.data ?? [] };
}

/**
 * "What would this call cost my client, and why?": the call last asked for, priced by main.
 * A change to the package, its rates or the cost deck prices it again.
 */
export function usePricePreview() {
  const [request, setRequest] = useState<PreviewRequest | null>(null);
  const query = useChannel('pricing.preview', request ?? { destination: '', seconds: 0 }, { enabled: request !== null });
  const error = query.error ? toApiError(query.error) : null;

  function run(next: PreviewRequest): void {
    // The same question again is asked again (the person pressed the button).
    if (request !== null && JSON.stringify(next) === JSON.stringify(request)) void query.refetch();
    else setRequest(next);
  }

  return {
    run,
    preview: request !== null && !query.error ? (query.data ?? null) : null,
    previewing: query.isFetching,
    error,
    fieldErrors: issuesByField(error?.issues),
  };
}

/** Any destination main rates will do: the markup's own figure (`markupSellRate`) does not depend on it. */
const EXAMPLE_DESTINATION = '+7 495 123 45 67';

/**
 * The guide's markup formula on its 1-cent example cost, for the markups in the form (saved
 * or not), priced by main. The sell rate is null while main refuses the markups as typed.
 */

export function useMarkupExample(packageId: number | undefined, markupFixed: string, markupPercent: string) {
  const query = useChannel(
    'pricing.preview',
    {
      ...(packageId === undefined ? {} : { packageId }),
      destination: EXAMPLE_DESTINATION,
      seconds: 60,
      costRate: EXAMPLE_COST_RATE,
      markup: { fixed: markupFixed.trim(), percent: markupPercent.trim() },
    },
    // While the person types, the last answer stays on screen until the next one.
    { placeholderData: keepPreviousData },
  );
  return {
    costRate: EXAMPLE_COST_RATE,
    sellRate: query.error ? null : (query.data?.markupSellRate ?? null),
    status: query.error ? 'error' : query.data ? 'ready' : 'loading',
  } as const;
}

/** `pricing.priceList`: the package's price list CSV (the page saves it as a file). Reads only: nothing to refresh. */
export function usePriceListExport(packageId: number) {
  const mutation = useMutation({ mutationFn: () => callChannel('pricing.priceList', { packageId }) });
  return { exportList: mutation.mutateAsync, exporting: mutation.isPending };
}
