import { create } from 'zustand';
import type { ChannelInput, ChannelOutput } from '../../../preload/contract';
import type { ApiError } from '../../../preload/result';
import type { PackageView } from '../../../preload/schemas/packages';
import { api } from '../api';
import { issuesByField, type FieldErrors } from '../lib/issues';
import type { LoadStatus } from './status';

export type PackageCreateInput = ChannelInput<'packages.create'>;
export type PackageUpdateInput = ChannelInput<'packages.update'>;
export type PackageRemoval = ChannelOutput<'packages.delete'>;

interface PackagesState {
  packages: PackageView[];
  status: LoadStatus;
  /** Whether the list also holds archived packages (kept for the prices of rated calls); off unless asked. */
  includeArchived: boolean;
  /** The package open in the editor, read with `packages.get` (archived ones too). */
  editing: PackageView | null;
  editingStatus: LoadStatus;
  /** True while a create, update or delete is in flight. */
  saving: boolean;
  /** The error of the last failed call, as main reported it. */
  error: ApiError | null;
  /** Per-field messages from the last failed call (`pulseSeconds` → "…"). */
  fieldErrors: FieldErrors;
  load(options?: { includeArchived?: boolean }): Promise<void>;
  open(id: number): Promise<void>;
  /** Re-reads the open package after a change made elsewhere (its custom rate count). */
  refreshEditing(): Promise<void>;
  create(input: PackageCreateInput): Promise<PackageView | null>;
  update(input: PackageUpdateInput): Promise<PackageView | null>;
  /** Deletes, or archives when calls were rated with it; null when main refused. */
  remove(id: number): Promise<PackageRemoval | null>;
  clearErrors(): void;
}

const byName = (a: PackageView, b: PackageView): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
const noErrors = { error: null, fieldErrors: {} } as const;
const failed = (error: ApiError) => ({ saving: false, error, fieldErrors: issuesByField(error.issues) });
const replaceIn = (list: readonly PackageView[], saved: PackageView): PackageView[] =>
  list.map((item) => (item.id === saved.id ? saved : item)).sort(byName);

export const usePackages = create<PackagesState>()((set, get) => ({
  packages: [],
  status: 'idle',
  includeArchived: false,
  editing: null,
  editingStatus: 'idle',
  saving: false,
  ...noErrors,

  async load(options) {
    const includeArchived = options?.includeArchived ?? false;
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', includeArchived, ...noErrors }));
    const result = await api.packages.list({ includeArchived });
    if (result.ok) set({ packages: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error, fieldErrors: {} });
  },

  async open(id) {
    // Never start the editor from an older copy: the form takes its values once, when it opens.
    set({ editingStatus: 'loading', editing: null, ...noErrors });
    const result = await api.packages.get({ id });
    if (result.ok) set({ editing: result.value, editingStatus: 'ready' });
    else set({ editingStatus: 'error', error: result.error, fieldErrors: {} });
  },

  async refreshEditing() {
    const current = get().editing;
    if (!current) return;
    const result = await api.packages.get({ id: current.id });
    if (result.ok) set((state) => ({ editing: result.value, packages: replaceIn(state.packages, result.value) }));
  },

  async create(input) {
    set({ saving: true, ...noErrors });
    const result = await api.packages.create(input);
    if (!result.ok) {
      set(failed(result.error));
      return null;
    }
    set((state) => ({ saving: false, packages: [...state.packages, result.value].sort(byName) }));
    return result.value;
  },

  async update(input) {
    set({ saving: true, ...noErrors });
    const result = await api.packages.update(input);
    if (!result.ok) {
      set(failed(result.error));
      return null;
    }
    const saved = result.value;
    set((state) => ({
      saving: false,
      packages: replaceIn(state.packages, saved),
      editing: state.editing?.id === saved.id ? saved : state.editing,
    }));
    return saved;
  },

  async remove(id) {
    set({ saving: true, ...noErrors });
    const result = await api.packages.delete({ id });
    if (!result.ok) {
      set(failed(result.error));
      return null;
    }
    const { archived } = result.value;
    set((state) => ({
      saving: false,
      // An archived package stays listed only while the list shows archived packages.
      packages:
        archived && state.includeArchived
          ? state.packages.map((item) => (item.id === id ? { ...item, archived: true } : item))
          : state.packages.filter((item) => item.id !== id),
    }));
    return result.value;
  },

  clearErrors() {
    set(noErrors);
  },
}));
