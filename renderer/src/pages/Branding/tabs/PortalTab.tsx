import { Card } from '../../../components/Card';
import { CopyButton } from '../CopyButton';
import { groupsOf } from '../brandingForm';
import type { BrandingTabProps } from './tabProps';

/**
 * "In the provider's portal too": the provider's API has no branding methods, so everything
 * the portal shows is entered there by hand; the values come from the saved settings.
 */
export function PortalTab({ saved, settings }: BrandingTabProps) {
  const unsaved = JSON.stringify(settings) !== JSON.stringify(saved.settings);
  return (
    <Card title="In the provider's portal too">
      <p className="muted">
        The provider cannot be told these settings through its API: enter each one in the provider&apos;s portal (Reseller menu → Client Branding and Access). This app
        uses them for what it sends: e-mails, invoices, the auto-connect form and the signup link.
      </p>
      {unsaved ? <p className="field__hint">These are the saved values: save to see your changes here.</p> : null}
      {saved.checklist.length === 0 ? (
        <p className="muted">Nothing to enter yet.</p>
      ) : (
        <div className="branding-checklist__scroll">
          <table className="table branding-checklist">
            <caption className="visually-hidden">Settings to enter in the provider&apos;s portal</caption>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Copy</span>
                </th>
              </tr>
            </thead>
            {groupsOf(saved.checklist).map(({ where, items }) => (
              <tbody key={where}>
                <tr className="branding-checklist__where">
                  <th scope="rowgroup" colSpan={3}>
                    {where}
                  </th>
                </tr>
                {items.map((item) => (
                  <tr key={item.setting}>
                    <td>{item.setting}</td>
                    <td className="branding-checklist__value">{item.value === '' ? <span className="muted">(empty)</span> : item.value}</td>
                    <td>{item.value === '' ? null : <CopyButton text={item.value} what={item.setting} />}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </Card>
  );
}
