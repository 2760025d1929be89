import { create } from 'zustand';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

interface ToastsState {
  toasts: ToastMessage[];
  show(toast: Omit<ToastMessage, 'id'>): void;
  dismiss(id: number): void;
}

let nextToastId = 1;

export const useToasts = create<ToastsState>()((set) => ({
  toasts: [],
  show(toast) {
    const id = nextToastId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

/** For use outside React components (stores, event handlers). */
export const showToast = (toast: Omit<ToastMessage, 'id'>): void => useToasts.getState().show(toast);
