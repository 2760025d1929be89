import type { CSSProperties } from 'react';
import type { PortalLook } from './previewLook';

/** A picture of the portal's login page; nothing in it can be focused or clicked. */
export function LoginPreview({ look }: { look: PortalLook }) {
  const page: CSSProperties = {
    backgroundColor: look.colors.background,
    color: look.colors.text,
    ...(look.loginBackground ? { backgroundImage: `url("${look.loginBackground}")` } : {}),
  };
  return (
    <figure className="portal-preview__frame" data-testid="preview-login" aria-label="Login page">
      <figcaption className="portal-preview__caption">Login page</figcaption>
      <div className="portal-preview__address" aria-hidden="true">
        {look.address}/login.php
      </div>
      <div className="portal-login" style={page} data-testid="preview-login-page">
        <div className="portal-login__box" style={{ backgroundColor: look.colors.background, color: look.colors.text }}>
          <div className="portal-login__head" style={{ backgroundColor: look.colors.panel, color: look.onPanel }} data-testid="preview-panel">
            {look.logo ? <img className="portal-preview__logo" src={look.logo} alt="Your logo" data-testid="preview-logo" /> : null}
            <span className="portal-login__title" data-testid="preview-title">
              {look.title}
            </span>
          </div>
          {look.welcomeText ? (
            <p className="portal-login__welcome" data-testid="preview-welcome">
              {look.welcomeText}
            </p>
          ) : null}
          <span className="portal-login__label">E-mail</span>
          <span className="portal-login__input" />
          <span className="portal-login__label">Password</span>
          <span className="portal-login__input" />
          <span className="portal-preview__button" style={{ backgroundColor: look.colors.button, color: look.onButton }} data-testid="preview-button">
            Log in
          </span>
          <span className="portal-login__links">
            {look.allowPasswordReset ? <span className="portal-preview__link">Forgot your password?</span> : null}
            {look.signup ? <span className="portal-preview__link">Sign up</span> : null}
          </span>
        </div>
      </div>
    </figure>
  );
}
