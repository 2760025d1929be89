import { useMutation } from '@tanstack/react-query';
import type { ChannelInput } from '../../../preload/contract';
import type { EmailItemView } from '../../../preload/schemas/email';
import { callChannel, readView, toApiError, useChannel, useChannelAction } from './channel';

/**
 * Issue 15, e-mail: the SMTP settings (never the password: main says only whether one is
 * saved), "Send a test e-mail", and the outbox the e-mail worker drains with retries. Live:
 * every write and every move of the worker announces the 'email' domain ('data.changed'),
 * which refreshes these reads (queries/channel.ts) — nothing here polls.
 */

/** The settings, for the form: not kept once it closes (gcTime 0), so it starts from what main has now. */
export function useEmailSettings() {
  const view = readView(useChannel('email.settings', undefined, { gcTime: 0 }));
  return { ...view, settings: view.data ?? null };
}

/** A test e-mail sent now with the saved settings: a question asked on demand, so a mutation, not a read on mount. */
export function useTestEmail() {
  const mutation = useMutation({ mutationFn: (input: ChannelInput<'email.test'>) => callChannel('email.test', input) });
  return {
    send: mutation.mutate,
    sending: mutation.isPending,
    result: mutation.data ?? null,
    error: mutation.error ? toApiError(mutation.error) : null,
    reset: mutation.reset,
  };
}

export function useEmailStatus() {
  return readView(useChannel('email.status'));
}

/** The most e-mails the outbox card lists; older ones stay in the database. */
export const OUTBOX_LIMIT = 100;

/** The outbox, newest first: what is waiting or failed, or everything (sent included). */
export function useEmailOutbox(show: 'open' | 'all') {
  const view = readView(useChannel('email.list', { status: show, limit: OUTBOX_LIMIT }));
  const actions = useEmailActions();
  return { ...view, items: view.data ?? [], ...actions };
}

const describe = (item: EmailItemView): string => `“${item.subject}” to ${item.to}`;

/** Retry and Discard of one e-mail, with their toasts; they answer main's outcome (never throw). */
export function useEmailActions() {
  const retry = useChannelAction('email.retry');
  const discard = useChannelAction('email.discard');
  return {
    retry: (item: EmailItemView) => retry.run({ id: item.id }, () => ({ title: 'E-mail queued again', description: `${describe(item)} is sent at the next try.` })),
    discard: (item: EmailItemView) => discard.run({ id: item.id }, () => ({ title: 'E-mail discarded', description: `${describe(item)} will not be sent.` })),
    retrying: retry.pending,
    discarding: discard.pending,
  };
}

/**
 * One invoice's e-mails (the invoice page), however many others the outbox holds.
 */
export function useInvoiceEmails(invoiceId: number) {
  const view = readView(useChannel('email.list', { status: 'all', limit: OUTBOX_LIMIT, invoiceId }));
  return { ...view, items: view.data ?? [] };
}

/** "E-mail invoice": queues it (its PDF attached when sent). */
export function useEmailInvoice() {
  return useChannelAction('invoices.email');
}
