import type { ConnectionTest } from '../../preload/schemas/sync';
import { moneyToText } from '../money';
import type { ServiceContext } from '../services/context';
import { ProviderError } from './provider';
import { providerFor } from './settings';
import { wireMicros, wireObject, wireText } from './wire';

/** Where the provider's portal lets the reseller allow-list an IP for the API. */
export const ALLOW_LIST_WHERE = 'the provider\'s portal: Main Menu → SOAP and REST/JSON API → Enable IP Addresses';

/**
 * "Test connection" (issue 12): getIP first — the one method the provider does not check by
 * IP, so it says which address to allow-list even when the others are refused — then
 * getBalance, which needs the API enabled and that IP allowed.
 */
export async function testConnection(ctx: ServiceContext): Promise<ConnectionTest> {
  const provider = await providerFor(ctx);
  if (!provider) {
    return { ok: false, ip: null, balance: null, status: 'not_configured', message: 'Enter the API e-mail and the API password first, then test the connection.' };
  }
  let ip: string | null = null;
  try {
    const answer = await provider.call('getIP');
    ip = wireText(answer.ip) || null;
    const balance = await provider.call('getBalance');
    const current = moneyToText(wireMicros(wireObject(balance.balance).current_balance));
    return { ok: true, ip, balance: current, status: null, message: `Connected. The provider sees this computer as ${ip ?? 'an unknown address'}.` };
  } catch (error) {
    if (!(error instanceof ProviderError)) {
      return { ok: false, ip, balance: null, status: 'bad_reply', message: `The provider's answer could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { ok: false, ip, balance: null, status: error.status, message: explain(error, ip) };
  }
}

function explain(error: ProviderError, ip: string | null): string {
  switch (error.status) {
    case 'ip_not_enabled':
      return ip
        ? `${error.message}. Allow-list ${ip} (the address the provider sees for this computer) in ${ALLOW_LIST_WHERE}, then test again.`
        : `${error.message}. Allow-list this computer's address in ${ALLOW_LIST_WHERE}, then test again.`;
    case 'api_not_enabled':
      return `${error.message}. Enable the API in ${ALLOW_LIST_WHERE.replace(' → Enable IP Addresses', '')}, then test again.`;
    case 'invalid_credentials':
    case 'missing_credentials':
      return `${error.message}. Use the account's e-mail and the API password set on the provider's API page (not the portal password).`;
    default:
      return error.message;
  }
}
