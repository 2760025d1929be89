import { useState } from 'react';
import { revealSubaccountPassword } from '../../queries/subaccounts';

interface PasswordRevealProps {
  subaccountId: number;
  /** The password main returned on create; otherwise it is fetched on "Show". */
  knownPassword?: string;
  label?: string;
}

const MASK = '••••••••••••';

/** A stored password stays masked until asked for; main only sends it on an explicit reveal. */
export function PasswordReveal({ subaccountId, knownPassword, label = 'Current password' }: PasswordRevealProps) {
  const [password, setPassword] = useState<string | null>(knownPassword ?? null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = async (): Promise<void> => {
    if (shown) {
      setShown(false);
      return;
    }
    if (password === null) {
      setBusy(true);
      const outcome = await revealSubaccountPassword(subaccountId);
      setBusy(false);
      if (!outcome.ok) {
        setProblem(outcome.error.message);
        return;
      }
      setPassword(outcome.value.password ?? '');
    }
    setProblem(null);
    setShown(true);
  };

  return (
    <div className="password-reveal">
      {label ? <span className="password-reveal__label">{label}</span> : null}
      <code className="password-reveal__value" data-testid="subaccount-password" aria-live="polite">
        {shown && password !== null ? (
          password
        ) : (
          <>
            <span aria-hidden="true">{MASK}</span>
            <span className="visually-hidden">hidden</span>
          </>
        )}
      </code>
      <button type="button" className="button button--secondary button--small" aria-pressed={shown} disabled={busy} onClick={() => void toggle()}>
        {shown ? 'Hide password' : 'Show password'}
      </button>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
