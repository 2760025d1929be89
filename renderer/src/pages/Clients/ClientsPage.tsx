import { ComingSoon } from '../../components/ComingSoon';

export function ClientsPage() {
  return (
    <ComingSoon
      title="Clients"
      icon="clients"
      summary="The people and companies you resell to, with their balances, packages, DIDs and sub accounts."
      features={[
        'Create clients on a soft balance (never suspended) or a hard balance (suspended at zero or below).',
        'Connect packages and DIDs, each DID with its own per-minute rate and monthly fee.',
        'Create sub accounts bound to a client, a package and a next billing date, optionally charging the setup fee now.',
        'Add payments and charges by hand and follow the balance in an append-only ledger.',
        'Delete a client once no package or DID is connected any more.',
      ]}
    />
  );
}
