import { ProviderError, type Provider, type ProviderParams, type ProviderReply } from '../../main/sync/provider';

/**
 * An in-memory fake of the Provider interface for the pull tests (issue 12), faithful to
 * ../shared/spec/voipms-api/methods.json: the same method and parameter names, the same
 * list fields (clients, packages, accounts, dids, cdr) and record fields, every value a
 * string as on the wire, `no_*` statuses with the list field missing for empty lists, and
 * the documented refusals (missing_client, invalid_client, no_callstatus, missing_timezone,
 * invalid_timezone, invalid_date, invalid_date_from, invalid_daterange). It records every
 * call so tests can check what was asked.
 */

export type WireRecord = Record<string, string>;

export interface FakeProviderState {
  /** getClients records: client, email, firstname, lastname, company, address, city, state, country, zip, phone_number, balance_management. */
  clients: WireRecord[];
  /** getPackages records: package, name, markup_fixed, markup_percentage, pulse, international_route, canada_route, monthly_fee, setup_fee, free_minutes. */
  packages: WireRecord[];
  /** getSubAccounts records: id, account, username, … reseller_client, reseller_package, reseller_nextbilling. */
  accounts: WireRecord[];
  /** getDIDsInfo records: did, description, routing, reseller_account, reseller_monthly, reseller_minute, reseller_setup, … */
  dids: WireRecord[];
  /** getResellerCDR records, each with the reseller client it belongs to (not sent: `client` is the filter). */
  cdrs: (WireRecord & { client: string })[];
  /** getResellerBalance's current_balance per client. */
  balances: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  params: ProviderParams;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

const refuse = (method: string, status: string, description: string): never => {
  throw new ProviderError('permanent', status, description, method);
};

export class FakePullProvider implements Provider {
  readonly calls: RecordedCall[] = [];
  /** Methods that fail (once each call) with this error: tests of refusals and outages. */
  readonly failures = new Map<string, (params: ProviderParams) => ProviderError | null>();

  constructor(readonly state: FakeProviderState) {}

  async call(method: string, params: ProviderParams = {}): Promise<ProviderReply> {
    this.calls.push({ method, params });
    const failure = this.failures.get(method)?.(params);
    if (failure) throw failure;
    switch (method) {
      case 'getClients':
        return list('clients', 'no_client', this.state.clients.filter((client) => matchesOptional(params['client'], [client['client'], client['email']])));
      case 'getPackages':
        return list('packages', 'no_package', this.state.packages.filter((pkg) => matchesOptional(params['package'], [pkg['package']])));
      case 'getSubAccounts':
        return list('accounts', 'no_account', this.state.accounts.filter((account) => matchesOptional(params['account'], [account['account'], account['reseller_client']])));
      case 'getDIDsInfo':
        return list('dids', 'no_did', this.state.dids.filter((did) => matchesOptional(params['did'], [did['did']])));
      case 'getResellerCDR':
        return this.resellerCdr(params);
      case 'getResellerBalance':
        return this.resellerBalance(params);
      default:
        throw new ProviderError('permanent', 'invalid_method', 'This is not a valid Method', method);
    }
  }

  /** The calls of one method, in order. */
  callsOf(method: string): ProviderParams[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }

  private client(method: string, params: ProviderParams): string {
    const client = text(params['client']);
    if (client === '') refuse(method, 'missing_client', 'Client was not provided');
    if (!this.state.clients.some((record) => record['client'] === client)) refuse(method, 'invalid_client', 'This is not a valid Client');
    return client;
  }

  private resellerCdr(params: ProviderParams): ProviderReply {
    const method = 'getResellerCDR';
    const from = text(params['date_from']);
    const to = text(params['date_to']);
    if (from === '') refuse(method, 'missing_from_date', 'From date was not provided');
    if (to === '') refuse(method, 'missing_to_date', 'To date was not provided');
    if (!DATE.test(from) || !DATE.test(to)) refuse(method, 'invalid_date', 'This is not a valid date Format is: yyyy-mm-dd');
    if (from > to) refuse(method, 'invalid_date_from', 'The "From" date should be prior to the "To" date.');
    // Both days included: 92 days at most.
    if (dayNumber(to) - dayNumber(from) + 1 > 92) refuse(method, 'invalid_daterange', 'Date Range should be 92 days or less');
    const timezone = text(params['timezone']);
    if (timezone === '') refuse(method, 'missing_timezone', 'Timezone was not provided');
    if (!Number.isFinite(Number(timezone)) || Number(timezone) < -12 || Number(timezone) > 13) {
      refuse(method, 'invalid_timezone', 'This is not a valid TimezoneCDR and resellerCDR: Must be numeric Voicemail: Values from getTimezone');
    }
    const wanted = new Set<string>();
    if (flag(params['answered'])) wanted.add('ANSWERED');
    if (flag(params['noanswer'])) wanted.add('NO ANSWER');
    if (flag(params['busy'])) wanted.add('BUSY');
    if (flag(params['failed'])) wanted.add('FAILED');
    if (wanted.size === 0) {
      refuse(method, 'no_callstatus', 'No Call Status was provided. One of the following parameters needs to be set to "1": answered, noanswer, busy, failed');
    }
    const client = this.client(method, params);
    const cdr = this.state.cdrs
      .filter((record) => record.client === client && wanted.has(record['disposition'] ?? ''))
      .filter((record) => {
        const day = (record['date'] ?? '').slice(0, 10);
        return day >= from && day <= to;
      })
      .map(({ client: _client, ...record }) => record);
    return list('cdr', 'no_cdr', cdr);
  }

  private resellerBalance(params: ProviderParams): ProviderReply {
    const client = this.client('getResellerBalance', params);
    return {
      status: 'success',
      balance: {
        current_balance: this.state.balances[client] ?? '0.0000',
        spent_total: '0.0000',
        calls_total: '0',
        time_total: '0:00',
        spent_today: '0.0000',
        calls_today: '0',
        time_today: '0:00',
      },
    };
  }
}

function text(value: ProviderParams[string]): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value).trim();
}

const flag = (value: ProviderParams[string]): boolean => text(value) === '1';

function matchesOptional(filter: ProviderParams[string], values: (string | undefined)[]): boolean {
  const wanted = text(filter);
  return wanted === '' || values.some((value) => value !== undefined && value.toLowerCase() === wanted.toLowerCase());
}

/** A list reply as the provider sends it: `no_*` and no list field when empty. */
function list(field: string, emptyStatus: string, records: WireRecord[]): ProviderReply {
  return records.length === 0 ? { status: emptyStatus } : { status: 'success', [field]: records };
}

/** A call record as getResellerCDR sends it (strings), for `client`. */
export function cdrRecord(
  client: string,
  fields: { uniqueid: string; date: string; account: string; destination: string; seconds: number; disposition?: string; total?: string; description?: string },
): WireRecord & { client: string } {
  const seconds = fields.seconds;
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    client,
    date: fields.date,
    callerid: `"${fields.account}" <5145550100>`,
    destination: fields.destination,
    description: fields.description ?? 'Outgoing to Canada - Quebec',
    account: fields.account,
    disposition: fields.disposition ?? 'ANSWERED',
    duration: `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`,
    seconds: String(seconds),
    total: fields.total ?? '0.00900000',
    uniqueid: fields.uniqueid,
    destination_type: 'OUT:CAN',
  };
}

/**
 * A reseller as the provider knows them (dates around FIXED_NOW, 2026-11-25): two packages,
 * two clients with a sub account each, two DIDs routed to them, calls from June to
 * November in every status, and each client's balance there.
 */
export function resellerAtProvider(): FakeProviderState {
  const route = { international_route: '1', canada_route: '1' };
  return {
    packages: [
      { package: '8378', name: 'Basic', markup_fixed: '0.00500000', markup_percentage: '20', pulse: '60', ...route, monthly_fee: '10.00', setup_fee: '5.00', free_minutes: '0' },
      { package: '8379', name: 'Premium Talk', markup_fixed: '0.01', markup_percentage: '50', pulse: '6', international_route: '2', canada_route: '2', monthly_fee: '20.00', setup_fee: '0.00', free_minutes: '100' },
    ],
    clients: [
      { client: '561115', email: 'Alice@Example.com', password: 'x', company: '', firstname: 'Alice', lastname: 'Martin', address: '1 Main St', city: 'Montreal', state: 'QC', country: 'CANADA', zip: 'H2X1Y4', phone_number: '5145550199', balance_management: '0' },
      { client: '561116', email: 'bob@example.com', password: 'y', company: 'Stone Inc', firstname: 'Bob', lastname: 'Stone', address: '2 Side St', city: 'Laval', state: 'QC', country: 'CANADA', zip: 'H7N1A1', phone_number: '4505550123', balance_management: '0' },
    ],
    accounts: [
      subaccountRecord('99785', 'alice', '561115', '8378', '2026-12-01'),
      subaccountRecord('99786', 'bob', '561116', '8379', '2026-12-10'),
    ],
    dids: [
      didRecord('5145550100', '100000_alice', '0.01000000', '2.00000000'),
      didRecord('5145550101', '100000_bob', '0.00900000', '1.50000000'),
    ],
    cdrs: [
      cdrRecord('561115', { uniqueid: '900001', date: '2026-06-15 10:00:00', account: '100000_alice', destination: '15145551234', seconds: 125, total: '0.01900000' }),
      cdrRecord('561115', { uniqueid: '900002', date: '2026-09-02 09:30:00', account: '100000_alice', destination: '15145551235', seconds: 0, disposition: 'NO ANSWER', total: '0.00000000' }),
      cdrRecord('561115', { uniqueid: '900003', date: '2026-11-20 16:45:10', account: '100000_alice', destination: '14165550000', seconds: 61, total: '0.01000000' }),
      cdrRecord('561116', { uniqueid: 'A900004', date: '2026-08-31 23:59:00', account: '100000_bob', destination: '15145559999', seconds: 300, total: '0.05000000' }),
      cdrRecord('561116', { uniqueid: 'A900005', date: '2026-10-10 12:00:00', account: '100000_bob', destination: '15145559998', seconds: 0, disposition: 'BUSY', total: '0.00000000' }),
      cdrRecord('561116', { uniqueid: 'A900006', date: '2026-11-24 08:00:00', account: '100000_bob', destination: '15145559997', seconds: 0, disposition: 'FAILED', total: '0.00000000' }),
      cdrRecord('561116', { uniqueid: 'A900007', date: '2026-11-24 08:05:00', account: '100000_bob', destination: '15145559997', seconds: 600, total: '0.09000000' }),
    ],
    balances: { '561115': '-0.0290', '561116': '12.5000' },
  };
}

export function subaccountRecord(id: string, username: string, client: string, pkg: string, nextBilling: string): WireRecord {
  return {
    id,
    account: `100000_${username}`,
    username,
    description: `${username} desk phone`,
    protocol: '1',
    auth_type: '1',
    password: `${username}-secret-1`,
    ip: '',
    device_type: '2',
    callerid_number: '5145550199',
    canada_routing: '1',
    lock_international: '1',
    international_route: '1',
    music_on_hold: 'jazz',
    language: 'en',
    allowed_codecs: 'ulaw;g729',
    dtmf_mode: 'auto',
    nat: 'yes',
    reseller_client: client,
    reseller_package: pkg,
    reseller_nextbilling: nextBilling,
  };
}

export function didRecord(did: string, account: string, minute: string, monthly: string): WireRecord {
  return {
    did,
    description: 'MONTREAL, QC',
    routing: `account:${account}`,
    billing_type: '1',
    next_billing: '2026-12-01',
    order_date: '2026-01-10 10:00:00',
    reseller_account: account,
    reseller_next_billing: '2026-12-01',
    reseller_monthly: monthly,
    reseller_minute: minute,
    reseller_setup: '0.00000000',
  };
}
