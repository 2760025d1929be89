import type { SubaccountView } from '../../../../preload/schemas/telephony';
import { Card } from '../../components/Card';
import { DetailList } from '../../components/DetailList';
import { Icon } from '../../components/Icon';
import { hrefTo } from '../../lib/router';
import { PasswordReveal } from './PasswordReveal';

/** After create: the credentials to give the client, with the generated password behind "Show". */
export function SubaccountCreated({ subaccount }: { subaccount: SubaccountView }) {
  const clientPath = subaccount.clientId === null ? '/clients' : `/clients/${subaccount.clientId}`;
  return (
    <Card title="Sub account created" className="created-card">
      <p className="created-card__lead">
        <Icon name="check" size={16} />
        Give these credentials to {subaccount.clientName ?? 'your client'} to register their device.
      </p>
      <DetailList
        details={[
          { term: 'SIP username', value: <code className="path">{subaccount.account}</code> },
          { term: 'Password', value: <PasswordReveal subaccountId={subaccount.id} knownPassword={subaccount.password} label="" /> },
          { term: 'Client package', value: subaccount.packageName ?? '—' },
        ]}
      />
      <p className="muted">You can reveal the password again later from the sub account’s page.</p>
      <div className="card__actions">
        <a className="button button--primary" href={hrefTo(clientPath)}>
          Back to {subaccount.clientName ?? 'clients'}
        </a>
        <a className="button button--secondary" href={hrefTo(`/subaccounts/${subaccount.id}`)}>
          Edit sub account
        </a>
      </div>
    </Card>
  );
}
