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
  /** True while a create, update or delete is in flight. */
  saving: boolean;
  /** The error of the last failed call, as main reported it. */
  error: ApiError | null;
  /** Per-field messages from the last failed call (`pulseSeconds` → "…"). */
  fieldErrors: FieldErrors;
  load(): Promise<void>;
  create(input: PackageCreateInput): Promise<PackageView | null>;
  update(input: PackageUpdateInput): Promise<PackageView | null>;
  /** Deletes, or archives when calls were rated with it; null when main refused. */
  remove(id: number): Promise<PackageRemoval | null>;
  clearErrors(): void;
}

const byName = (a: PackageView, b: PackageView): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
const noErrors = { error: null, fieldErrors: {} } as const;
const failed = (error: ApiError) => ({ saving: false, error, fieldErrors: issuesByField(error.issues) });

export const usePackages = create<PackagesState>()((set) => ({
  packages: [],
  status: 'idle',
  saving: false,
  ...noErrors,

  async load() {
    set((state) => ({ status: state.status === 'ready' ? 'ready' : 'loading', ...noErrors }));
    const result = await api.packages.list();
    if (result.ok) set({ packages: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error, fieldErrors: {} });
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
      packages: state.packages.map((item) => (item.id === saved.id ? saved : item)).sort(byName),
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
    // An archived package leaves the list too: the list shows packages in use for new clients.
    set((state) => ({ saving: false, packages: state.packages.filter((item) => item.id !== id) }));
    return result.value;
  },

  clearErrors() {
    set(noErrors);
  },
}));
