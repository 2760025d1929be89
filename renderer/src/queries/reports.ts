import { useChannel, readView } from './channel';
import type { ChannelInput } from '../../../preload/contract';

/** The reports read rollups: a few thousand rows, refreshed by 'data.changed' of calls, the ledger and the inventory (channel.ts READS). */
export const useFinancialReport = (input: ChannelInput<'reports.financial'>) => readView(useChannel('reports.financial', input));
export const useDashboardReport = () => readView(useChannel('reports.dashboard'));
export const useSubaccountsReport = () => readView(useChannel('reports.subaccounts'));
export const useDidReport = (month: string) => readView(useChannel('reports.dids', { month }));
