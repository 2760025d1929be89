import { CLIENT_SERVICE_LABELS } from '../../../../../preload/common/catalog';
import type { PortalLook } from './previewLook';

const CALL_TYPES = ['Answered', 'Busy', 'Failed', 'No answer'];

/** A picture of the portal's Balance page, in the view being set: Simple hides what the guide lists. */
export function BalancePreview({ look }: { look: PortalLook }) {
  const standard = look.view === 'standard';
  const panel = { backgroundColor: look.colors.panel, color: look.onPanel };
  const button = { backgroundColor: look.colors.button, color: look.onButton };
  return (
    <figure className="portal-preview__frame" data-testid="preview-balance" aria-label="Balance page">
      <figcaption className="portal-preview__caption">Balance page</figcaption>
      <div className="portal-preview__address" aria-hidden="true">
        {look.address}/balance.php
      </div>
      <div className="portal-balance" style={{ backgroundColor: look.colors.background, color: look.colors.text }} data-testid="preview-page">
        <div
          className="portal-balance__header"
          style={{ ...panel, ...(look.header ? { backgroundImage: `url("${look.header}")` } : {}) }}
          data-testid="preview-header"
        >
          {look.logo ? <img className="portal-preview__logo portal-preview__logo--small" src={look.logo} alt="" /> : null}
          <span className="portal-balance__title" data-testid="preview-header-title">
            {look.title}
          </span>
        </div>
        <div className="portal-balance__nav" style={panel}>
          <span>Balance</span>
          <span>CDR</span>
          <span>Services</span>
          {look.services.includes('order_dids') ? <span>Order DIDs</span> : null}
        </div>
        <div className="portal-balance__body">
          <div className="portal-balance__panel">
            <span className="portal-balance__heading">Current balance</span>
            <span className="portal-balance__amount">$42.50</span>
            {standard ? (
              <span className="portal-balance__spend" data-testid="preview-spend">
                <span>Spent this month: $18.20</span>
                <span>Spent today: $1.35</span>
              </span>
            ) : null}
            <span className="portal-balance__pay">
              {look.paypalAmounts ? (
                look.paypalAmounts.map((amount) => (
                  <span key={amount} className="portal-preview__button" style={button}>
                    Pay ${amount}
                  </span>
                ))
              ) : (
                <span className="portal-preview__button" style={button}>
                  Add funds
                </span>
              )}
            </span>
          </div>
          <div className="portal-balance__panel">
            <span className="portal-balance__heading">Call records</span>
            {standard ? (
              <span className="portal-balance__filters" data-testid="preview-call-types">
                {CALL_TYPES.map((type) => (
                  <span key={type} className="portal-balance__chip">
                    ☑ {type}
                  </span>
                ))}
              </span>
            ) : null}
            <span>Nov 28 · 514 555 0134 · 3:12 · $0.04</span>
          </div>
          <div className="portal-balance__panel">
            <span className="portal-balance__heading">Services</span>
            <span>Sub account 100000_office</span>
            {standard ? (
              <span data-testid="preview-service-details">
                Register type: registered · Codecs: G.711u, G.729
              </span>
            ) : null}
            {look.showSipPasswords ? <span>SIP password: ••••••••</span> : null}
            {look.showIaxPasswords ? <span>IAX password: ••••••••</span> : null}
            <span className="portal-balance__services">{look.services.slice(0, 4).map((service) => CLIENT_SERVICE_LABELS[service]).join(' · ')}</span>
          </div>
        </div>
      </div>
    </figure>
  );
}
