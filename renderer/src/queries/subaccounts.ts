import type { ChannelInput } from '../../../preload/contract';
import type { SubaccountView } from '../../../preload/schemas/telephony';
import { api } from '../api';
import { perform, type ActionOutcome } from './outcome';
import { readView, useChannel } from './channel';
import { useFormSave } from './formSave';

export type SubaccountCreateInput = ChannelInput<'subaccounts.create'>;
export type SubaccountUpdateInput = ChannelInput<'subaccounts.update'>;

/**
 * The sub account the edit page shows (never with its password: see revealSubaccountPassword).
 * Like the client form, the edit form takes its values once: not kept after the page closes.
 */
export function useSubaccount(id: number) {
  const view = readView(useChannel('subaccounts.get', { id }, { gcTime: 0 }));
  return { ...view, subaccount: view.data ?? null };
}

/** Every sub account, with its client, package and DIDs (the Sub accounts page). */
export function useSubaccountList() {
  const view = readView(useChannel('subaccounts.list'));
  return { ...view, subaccounts: view.data ?? [] };
}

export const useCreateSubaccount = () => useFormSave('subaccounts.create');
export const useUpdateSubaccount = () => useFormSave('subaccounts.update');

/**
 * Shows the stored password on request (it is never part of an ordinary read). A direct
 * call, not a cached query: the password stays with the control that asked for it.
 */
export const revealSubaccountPassword = (id: number): Promise<ActionOutcome<SubaccountView>> => perform(api.subaccounts.revealPassword({ id }), null);
