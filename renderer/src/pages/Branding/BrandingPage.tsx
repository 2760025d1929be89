import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useBranding } from '../../queries/branding';
import { BrandingEditor } from './BrandingEditor';

/** Issue 15, the guide's "Use the client branding and access": how clients reach their portal and what it looks like. */
export function BrandingPage() {
  const { branding, status, error } = useBranding();
  return (
    <>
      <PageHeader
        title="Branding & Access"
        description="How your clients reach their portal, what it looks like under your brand, and the e-mails this app sends them."
      />
      {branding ? (
        <BrandingEditor initial={branding} />
      ) : status === 'error' && error ? (
        <ErrorBanner error={error} title="Could not load the branding settings" />
      ) : (
        <Loading label="Loading the branding settings…" />
      )}
    </>
  );
}
