import type { ReactNode } from 'react';
import type { ApiError } from '../../../preload/result';
import { Icon } from './Icon';

interface ErrorBannerProps {
  /** The error main reported; its message is shown as is. */
  error: ApiError;
  title?: string;
  /** E.g. a "Try again" button. */
  action?: ReactNode;
}

export function ErrorBanner({ error, title = 'Something went wrong', action }: ErrorBannerProps) {
  return (
    <div className="banner banner--error" role="alert">
      <Icon name="alert" />
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        <p className="banner__message">{error.message}</p>
      </div>
      {action}
    </div>
  );
}
