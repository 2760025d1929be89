import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProviderError, type Provider, type ProviderParams, type ProviderReply } from '../../main/sync/provider';

/**
 * An in-memory fake of the provider (issue 12, the outbox's tests), faithful to the API's
 * names: every call is checked against ../shared/spec/voipms-api/methods.json (copied to
 * tests/fixtures/voipms-api): an unknown method or parameter name fails the test at once;
 * a missing required parameter answers `missing_*` and a bad id `invalid_*` with the
 * descriptions of statuses.json, as permanent errors; values arrive as strings on the wire,
 * so numbers here are kept as text. Faults are scripted per call: transient (nothing done),
 * unknown (a timeout after the request: applied, or not) and permanent.
 */
interface MethodSpec {
  wsdl_params: [string, string][];
  param_docs: Record<string, string>;
}
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/voipms-api/${name}`, import.meta.url));
const METHODS = (JSON.parse(readFileSync(fixture('methods.json'), 'utf8')) as { methods: Record<string, MethodSpec> }).methods;
const STATUSES = new Map(
  (JSON.parse(readFileSync(fixture('statuses.json'), 'utf8')) as { statuses: { code: string; description: string }[] }).statuses.map((status) => [status.code, status.description]),
);

export type Fault =
  | { kind: 'transient'; status?: string }
  /** A timeout after the request was sent: `applied` says whether the provider did it. */
  | { kind: 'unknown'; applied: boolean }
  | { kind: 'permanent'; status: string };

export interface FakeCall {
  method: string;
  params: Record<string, string>;
  /** Whether the provider applied it (a write that succeeded, or was applied before a timeout). */
  applied: boolean;
}

interface MoneyEntry {
  id: string;
  date: string;
  amount: string;
  description: string;
}

const text = (value: ProviderParams[string]): string | undefined => (value === undefined || value === null ? undefined : typeof value === 'boolean' ? (value ? '1' : '0') : String(value));

function refuse(kind: 'permanent' | 'transient' | 'unknown', status: string, method: string): never {
  throw new ProviderError(kind, status, STATUSES.get(status) ?? status, method);
}

export class OutboxFakeProvider implements Provider {
  readonly calls: FakeCall[] = [];
  readonly clients = new Map<string, Record<string, string>>();
  readonly subaccounts = new Map<string, Record<string, string>>();
  readonly deposits = new Map<string, MoneyEntry[]>();
  readonly charges = new Map<string, MoneyEntry[]>();
  readonly thresholds = new Map<string, string>();
  /** DID (10 digits) → sub account ("100000_alice"). */
  readonly dids = new Map<string, string>();
  /** What getDIDsInfo says of a connected DID's rates. */
  readonly didRates = new Map<string, { reseller_monthly: string; reseller_minute: string }>();
  /** When false every call fails as the network would before sending (offline). */
  online = true;
  /** Faults at random (the soak): asked for each call no scripted fault matched. */
  randomFault: ((method: string) => Fault | null) | null = null;
  private nextId = 500_001;
  private readonly scripted: { method: string; fault: Fault; when?: (params: Record<string, string>) => boolean }[] = [];

  /** The next call of `method` (matching `when`) meets `fault`. Several queue up in order. */
  failNext(method: string, fault: Fault, when?: (params: Record<string, string>) => boolean): void {
    this.scripted.push({ method, fault, ...(when ? { when } : {}) });
  }

  /** The writes the provider applied, in order (reads and refused calls left out). */
  applied(method?: string): FakeCall[] {
    return this.calls.filter((call) => call.applied && !call.method.startsWith('get') && (method === undefined || call.method === method));
  }

  async call(method: string, params: ProviderParams = {}): Promise<ProviderReply> {
    await Promise.resolve();
    const spec = METHODS[method];
    if (!spec) throw new Error(`The fake provider has no method "${method}" (methods.json)`);
    const known = new Set([...spec.wsdl_params.map(([name]) => name), ...Object.keys(spec.param_docs)]);
    const wire: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (!known.has(name)) throw new Error(`${method} has no parameter "${name}" (methods.json)`);
      const sent = text(value);
      if (sent !== undefined) wire[name] = sent;
    }
    const call: FakeCall = { method, params: wire, applied: false };
    this.calls.push(call);
    if (!this.online) refuse('transient', 'network', method);
    for (const [name, doc] of Object.entries(spec.param_docs)) {
      if (doc.includes('(required)') && (wire[name] === undefined || wire[name] === '')) refuse('permanent', `missing_${name}`, method);
    }
    const index = this.scripted.findIndex((entry) => entry.method === method && (entry.when === undefined || entry.when(wire)));
    const fault = index >= 0 ? this.scripted.splice(index, 1)[0]!.fault : (this.randomFault?.(method) ?? null);
    if (fault?.kind === 'transient') refuse('transient', fault.status ?? 'api_limit_exceeded', method);
    if (fault?.kind === 'permanent') refuse('permanent', fault.status, method);
    if (fault?.kind === 'unknown' && !fault.applied) refuse('unknown', 'timeout', method);
    const reply = this.apply(method, wire);
    call.applied = !method.startsWith('get');
    if (fault?.kind === 'unknown') refuse('unknown', 'timeout', method);
    return reply;
  }

  private client(id: string | undefined, method: string): Record<string, string> {
    const client = id === undefined ? undefined : this.clients.get(id);
    if (!client) refuse('permanent', 'invalid_client', method);
    return client;
  }

  private apply(method: string, p: Record<string, string>): ProviderReply {
    switch (method) {
      case 'signupClient': {
        if ([...this.clients.values()].some((client) => client.email === p.email)) refuse('permanent', 'used_email', method);
        if (p.email !== p.confirm_email) refuse('permanent', 'mismatch_email_confirm', method);
        const id = String(this.nextId++);
        this.clients.set(id, { ...p, client: id });
        return { status: 'success', client: id };
      }
      case 'setClient': {
        const client = this.client(p.client, method);
        this.clients.set(p.client!, { ...p, client: client.client! });
        return { status: 'success' };
      }
      case 'delClient':
        this.client(p.client, method);
        this.clients.delete(p.client!);
        return { status: 'success' };
      case 'getClients': {
        const clients = [...this.clients.values()].filter((client) => !p.client || client.client === p.client || client.email === p.client);
        return clients.length > 0 ? { status: 'success', clients } : { status: 'no_client' };
      }
      case 'setClientThreshold':
        this.client(p.client, method);
        if (!/^\d+$/.test(p.threshold ?? '') || Number(p.threshold) < 1 || Number(p.threshold) > 250) refuse('permanent', 'Invalid_threshold', method);
        this.thresholds.set(p.client!, p.threshold!);
        return { status: 'success' };
      case 'addPayment':
      case 'addCharge': {
        this.client(p.client, method);
        const book = method === 'addPayment' ? this.deposits : this.charges;
        const amount = method === 'addPayment' ? p.payment! : p.charge!;
        book.set(p.client!, [...(book.get(p.client!) ?? []), { id: String(this.nextId++), date: '2026-11-25', amount, description: p.description ?? '' }]);
        return { status: 'success' };
      }
      case 'getDeposits':
      case 'getCharges': {
        this.client(p.client, method);
        const list = (method === 'getDeposits' ? this.deposits : this.charges).get(p.client!) ?? [];
        return { status: 'success', [method === 'getDeposits' ? 'deposits' : 'charges']: list };
      }
      case 'createSubAccount': {
        if ([...this.subaccounts.values()].some((account) => account.username === p.username)) refuse('permanent', 'used_username', method);
        if ((p.reseller_client === undefined) !== (p.reseller_package === undefined)) refuse('permanent', p.reseller_client === undefined ? 'missing_resellerclient' : 'missing_resellerpackage', method);
        if (p.reseller_client !== undefined) this.client(p.reseller_client, method);
        const id = String(this.nextId++);
        const account = `100000_${p.username}`;
        this.subaccounts.set(id, { ...p, id, account });
        return { status: 'success', id, account };
      }
      case 'setSubAccount': {
        const current = p.id === undefined ? undefined : this.subaccounts.get(p.id);
        if (!current) refuse('permanent', 'invalid_id', method);
        this.subaccounts.set(p.id!, { ...current, ...p });
        return { status: 'success' };
      }
      case 'delSubAccount':
        if (p.id === undefined || !this.subaccounts.delete(p.id)) refuse('permanent', 'invalid_id', method);
        return { status: 'success' };
      case 'getSubAccounts': {
        const accounts = [...this.subaccounts.values()].filter((account) => !p.account || account.account === p.account || account.reseller_client === p.account);
        return accounts.length > 0 ? { status: 'success', accounts } : { status: 'no_account' };
      }
      case 'connectDID': {
        if (![...this.subaccounts.values()].some((account) => account.account === p.account)) refuse('permanent', 'invalid_account', method);
        // Connected again to the same sub account: its rates change.
        if (this.dids.has(p.did!) && this.dids.get(p.did!) !== p.account) refuse('permanent', 'did_in_use', method);
        this.dids.set(p.did!, p.account!);
        this.didRates.set(p.did!, { reseller_monthly: p.monthly ?? '', reseller_minute: p.minute ?? '' });
        return { status: 'success' };
      }
      case 'getDIDsInfo':
        // Every DID asked for is the reseller's here; reseller_account says where it is connected ('' = nowhere).
        return { status: 'success', dids: [{ did: p.did ?? '', reseller_account: this.dids.get(p.did ?? '') ?? '', ...this.didRates.get(p.did ?? '') }] };
      case 'unconnectDID':
        if (!this.dids.delete(p.did!)) refuse('permanent', 'invalid_did', method);
        return { status: 'success' };
      default:
        throw new Error(`The fake provider does not play ${method} yet`);
    }
  }
}
