import { ComingSoon } from '../../components/ComingSoon';

export function SyncPage() {
  return (
    <ComingSoon
      title="Sync"
      icon="sync"
      summary="Keeps this console and your VoIP.ms reseller account in step. Everything works offline meanwhile."
      features={[
        'Pull call records (CDRs) and your existing clients, DIDs and sub accounts from the provider.',
        'Push every local change the provider must know about, in order, retrying when the network fails.',
        'See changes the provider refused, with its message, and resend them once fixed.',
      ]}
    />
  );
}
