import { create } from 'zustand';
import type { ChannelInput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { SubaccountView } from '../../../preload/schemas/telephony';
import { api } from '../api';
import { issuesByField, type FieldErrors } from '../lib/issues';
import { perform, type ActionOutcome } from './clientsOutcome';
import type { LoadStatus } from './status';

export type SubaccountCreateInput = ChannelInput<'subaccounts.create'>;
export type SubaccountUpdateInput = ChannelInput<'subaccounts.update'>;

interface SubaccountEditorState {
  /** The sub account being edited, or the one just created (with its password, once). */
  current: SubaccountView | null;
  status: LoadStatus;
  error: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  fieldErrors: FieldErrors;
  load(id: number): Promise<void>;
  /** Clears what a previous visit left, before a new sub account form. */
  reset(): void;
  create(input: SubaccountCreateInput): Promise<SubaccountView | null>;
  update(input: SubaccountUpdateInput): Promise<SubaccountView | null>;
}

const noSaveErrors = { saveError: null, fieldErrors: {} } as const;

export const useSubaccountEditor = create<SubaccountEditorState>()((set) => ({
  current: null,
  status: 'idle',
  error: null,
  saving: false,
  ...noSaveErrors,

  async load(id) {
    set({ current: null, status: 'loading', error: null, ...noSaveErrors });
    const result = await api.subaccounts.get({ id });
    if (result.ok) set({ current: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },

  reset() {
    set({ current: null, status: 'idle', error: null, saving: false, ...noSaveErrors });
  },

  async create(input) {
    set({ saving: true, ...noSaveErrors });
    const result = await api.subaccounts.create(input);
    if (!result.ok) {
      set({ saving: false, saveError: result.error, fieldErrors: issuesByField(result.error.issues) });
      return null;
    }
    set({ saving: false, current: result.value, status: 'ready' });
    return result.value;
  },

  async update(input) {
    set({ saving: true, ...noSaveErrors });
    const result = await api.subaccounts.update(input);
    if (!result.ok) {
      set({ saving: false, saveError: result.error, fieldErrors: issuesByField(result.error.issues) });
      return null;
    }
    set({ saving: false, current: result.value });
    return result.value;
  },
}));

/** Shows the stored password on request (it is never part of an ordinary read). */
export const revealSubaccountPassword = (id: number): Promise<ActionOutcome<SubaccountView>> =>
  perform(api.subaccounts.revealPassword({ id }), null);
