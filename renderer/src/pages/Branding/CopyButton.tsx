import { useId, type ReactNode } from 'react';
import * as Label from '@radix-ui/react-label';
import { showToast } from '../../stores/toasts';

/** Puts text on the clipboard; a window without the async clipboard copies through a selection. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** "Copy" beside a value the reseller pastes elsewhere (the provider's portal, PayPal, a web site). */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const copy = async (): Promise<void> => {
    const copied = await copyText(text);
    showToast(copied ? { tone: 'success', title: `Copied ${what}` } : { tone: 'error', title: `Could not copy ${what}`, description: 'Select the text and copy it with the keyboard.' });
  };
  return (
    <button type="button" className="button button--small" aria-label={`Copy ${what}`} onClick={() => void copy()}>
      Copy
    </button>
  );
}

/** A value the app derives, read-only, with its Copy button. */
export function CopyValue({ label, value, what, hint }: { label: string; value: string; what: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <Label.Root className="field__label" htmlFor={id}>
        {label}
      </Label.Root>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <div className="field__control">
        <input id={id} className="input branding-copy__value" readOnly value={value} onFocus={(event) => event.target.select()} />
        <CopyButton text={value} what={what} />
      </div>
    </div>
  );
}
