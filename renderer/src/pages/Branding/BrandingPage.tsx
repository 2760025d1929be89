import { ComingSoon } from '../../components/ComingSoon';

export function BrandingPage() {
  return (
    <ComingSoon
      title="Branding & Access"
      icon="branding"
      summary="How your clients reach their portal and what it looks like under your brand."
      features={[
        'Reseller system version, the client interface URL and the auto-connect form.',
        'DID access pricing for numbers your clients order themselves.',
        'Title, colours, header, logo and login background, with a live preview.',
        'Display elements, signup form fields, services and the simple view.',
        'Welcome text, low-balance and password e-mails, PayPal payments and your own host name.',
      ]}
    />
  );
}
