import { create } from 'zustand';
import { currentPath, onNavigateWithToasts } from '../lib/router';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
  /** The page it was raised on: it is shown there only, and gone once the user leaves. */
  path: string;
}

interface ToastsState {
  toasts: ToastMessage[];
  show(toast: Omit<ToastMessage, 'id' | 'path'>): void;
  dismiss(id: number): void;
  /** The page is now `path`: toasts of other pages go. */
  arrive(path: string): void;
  /** An action done on `from` moves to `to`: its toasts go along. */
  carry(from: string, to: string): void;
}

let nextToastId = 1;

export const useToasts = create<ToastsState>()((set) => ({
  toasts: [],
  show(toast) {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id, path: currentPath() }] }));
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
  arrive(path) {
    set((state) => (state.toasts.every((toast) => toast.path === path) ? state : { toasts: state.toasts.filter((toast) => toast.path === path) }));
  },
  carry(from, to) {
    set((state) => ({ toasts: state.toasts.map((toast) => (toast.path === from ? { ...toast, path: to } : toast)) }));
  },
}));

onNavigateWithToasts((from, to) => useToasts.getState().carry(from, to));

/** For use outside React components (stores, event handlers). */
export const showToast = (toast: Omit<ToastMessage, 'id' | 'path'>): void => useToasts.getState().show(toast);
