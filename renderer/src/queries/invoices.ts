import { keepPreviousData, useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../../preload/contract';
import type { InvoiceExportProgress, InvoiceExportResult, PaperSize } from '../../../preload/schemas/invoices';
import type { ApiError } from '../../../preload/result';
import { api } from '../api';
import { callChannel, readView, toApiError, useChannel } from './channel';

/**
 * Issue 11: the invoices of the reseller. Every read is keyed by channel and input
 * (queries/channel.ts); their READS entries refresh them when invoices, the ledger or
 * clients change ('data.changed'), so a void or a credit note shows everywhere at once.
 */

/** The Invoices page's filter: the window's own state; null / '' is "any". */
export interface InvoiceFilter {
  clientId: number | null;
  /** YYYY-MM, or '' for every month. */
  month: string;
  status: 'all' | 'issued' | 'void';
}

export const NO_INVOICE_FILTER: InvoiceFilter = { clientId: null, month: '', status: 'all' };

/** The most invoices one list shows; a month of a large reseller is filtered by client or month first. */
export const INVOICE_LIST_LIMIT = 1000;

export const isInvoiceFiltered = (filter: InvoiceFilter): boolean => filter.clientId !== null || filter.month !== '' || filter.status !== 'all';

export function invoiceListInput(filter: InvoiceFilter): NonNullable<ChannelInput<'invoices.list'>> {
  return {
    status: filter.status,
    limit: INVOICE_LIST_LIMIT,
    ...(filter.clientId === null ? {} : { clientId: filter.clientId }),
    ...(filter.month === '' ? {} : { month: filter.month }),
  };
}

export function useInvoiceList(filter: InvoiceFilter) {
  const view = readView(useChannel('invoices.list', invoiceListInput(filter), { placeholderData: keepPreviousData }));
  return { ...view, invoices: view.data?.rows ?? [], total: view.data?.total ?? 0 };
}

/** One client's invoices, newest first as main lists them (the client page's card). */
export function useClientInvoices(clientId: number, enabled = true) {
  const view = readView(useChannel('invoices.list', { clientId, status: 'all', limit: 50 }, { enabled }));
  return { ...view, invoices: view.data?.rows ?? [], total: view.data?.total ?? 0 };
}

export function useInvoice(id: number) {
  const view = readView(useChannel('invoices.get', { id }));
  return { ...view, invoice: view.data ?? null };
}

/**
 * The invoice settings, for the form: not kept once it closes (gcTime 0), so the form
 * always starts from what main has now.
 */
export function useInvoiceSettings() {
  const view = readView(useChannel('invoices.settings', undefined, { gcTime: 0 }));
  return { ...view, settings: view.data ?? null };
}

/** A client's own taxes; null: it pays the default list. */
export function useClientTaxes(clientId: number) {
  const view = readView(useChannel('invoices.clientTaxes', { id: clientId }));
  return { ...view, taxes: view.data ?? null, loaded: view.status === 'ready' };
}

/** `invoices.pdf`: the PDF's bytes, asked for when the person downloads it (a read: nothing to refresh). */
export function useInvoicePdf() {
  const mutation = useMutation({ mutationFn: (input: { id: number; paper?: PaperSize }) => callChannel('invoices.pdf', input) });
  return { fetchPdf: mutation.mutateAsync, fetching: mutation.isPending };
}

/** `invoices.csv`: the invoice's lines and summary as CSV, asked for when the person downloads it. */
export function useInvoiceCsv() {
  const mutation = useMutation({ mutationFn: (input: { id: number }) => callChannel('invoices.csv', input) });
  return { fetchCsv: mutation.mutateAsync, fetching: mutation.isPending };
}

export interface MonthExportState {
  running: boolean;
  /** The month being (or last) exported, as YYYY-MM. */
  month: string | null;
  progress: InvoiceExportProgress | null;
  result: InvoiceExportResult | null;
  error: ApiError | null;
}

const IDLE_EXPORT: MonthExportState = { running: false, month: null, progress: null, result: null, error: null };

/**
 * `invoices.exportMonth`: every invoice of a month as PDFs into a folder. Main announces
 * each file written ('invoices.exportProgress'); the bar follows those events only for the
 * month this window asked for, and the result says where the files went.
 */
export function useMonthExport() {
  const [state, setState] = useState<MonthExportState>(IDLE_EXPORT);
  const monthRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.events.on('invoices.exportProgress', (progress) => {
        if (progress.month !== monthRef.current) return;
        setState((current) => (current.running ? { ...current, progress } : current));
      }),
    [],
  );

  const exportMonth = useCallback(async (month: string, paper?: PaperSize): Promise<InvoiceExportResult | null> => {
    monthRef.current = month;
    setState({ running: true, month, progress: null, result: null, error: null });
    try {
      const result = await callChannel('invoices.exportMonth', paper ? { month, paper } : { month });
      setState((current) => ({
        ...current,
        running: false,
        result,
        // The last event may arrive after the answer: the bar ends full either way.
        progress: { month, done: result.files, total: result.files },
      }));
      return result;
    } catch (error) {
      setState((current) => ({ ...current, running: false, error: toApiError(error) }));
      return null;
    }
  }, []);

  return { ...state, exportMonth };
}

/** 0–100 for the progress bar; null while main has not said how many files there are. */
export function exportPercent(progress: InvoiceExportProgress | null): number | null {
  if (!progress) return null;
  if (progress.total === 0) return 100;
  return (progress.done / progress.total) * 100;
}
