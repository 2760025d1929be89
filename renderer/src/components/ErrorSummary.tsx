import type { Ref } from 'react';
import { Icon } from './Icon';

export interface SummaryItem {
  /** The id of the control to focus; absent for a field this form does not show. */
  fieldId?: string;
  /** What is wrong, naming the field ("Pulse must be at least 1"). */
  text: string;
}

interface ErrorSummaryProps {
  title: string;
  items: SummaryItem[];
  /** Errors that belong to no single field (e.g. "Package 4 was not found"). */
  message?: string | undefined;
  ref?: Ref<HTMLDivElement>;
  /** Replaces the default focus, e.g. to open the tab that holds the field first. */
  onFieldSelect?: ((fieldId: string) => void) | undefined;
}

/**
 * The list of problems at the top of a form (GOV.UK pattern). Each entry moves focus to
 * its field; buttons, not #anchors, because the hash is the router's.
 */
export function ErrorSummary({ title, items, message, ref, onFieldSelect }: ErrorSummaryProps) {
  const select = onFieldSelect ?? ((fieldId: string) => document.getElementById(fieldId)?.focus());
  return (
    <div className="banner banner--error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <Icon name="alert" />
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {message ? <p className="banner__message">{message}</p> : null}
        {items.length > 0 ? (
          <ul className="error-summary__list">
            {items.map(({ fieldId, text }) => (
              <li key={text}>
                {fieldId ? (
                  <button type="button" className="link-button" onClick={() => select(fieldId)}>
                    {text}
                  </button>
                ) : (
                  text
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
