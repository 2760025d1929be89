import * as Toast from '@radix-ui/react-toast';
import { useEffect, type ReactNode } from 'react';
import { useCurrentPath } from '../lib/router';
import { useToasts } from '../stores/toasts';
import { Icon } from './Icon';

/** Wraps the app: Radix's toast provider plus the viewport where toasts from the store appear. */
export function ToastsProvider({ children }: { children: ReactNode }) {
  const path = useCurrentPath();
  const toasts = useToasts((state) => state.toasts).filter((toast) => toast.path === path);
  const dismiss = useToasts((state) => state.dismiss);
  const arrive = useToasts((state) => state.arrive);
  useEffect(() => arrive(path), [path, arrive]);
  return (
    <Toast.Provider duration={5000} label="Notification">
      {children}
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          type={toast.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) dismiss(toast.id);
          }}
        >
          <Icon name={toast.tone === 'error' ? 'alert' : 'check'} />
          <div className="toast__body">
            <Toast.Title className="toast__title">{toast.title}</Toast.Title>
            {toast.description ? <Toast.Description className="toast__description">{toast.description}</Toast.Description> : null}
          </div>
          <Toast.Close className="icon-button" aria-label="Dismiss notification">
            <Icon name="close" size={16} />
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
