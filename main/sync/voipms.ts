import { ProviderError, type Provider, type ProviderCredentials, type ProviderErrorKind, type ProviderParams, type ProviderReply } from './provider';
import { describeStatus, isEmptyListStatus, kindOfStatus } from './statuses';
import { isRecord, wireList } from './wire';

/** How long one request may take, answer included, before its outcome is unknown. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface VoipmsOptions {
  credentials: ProviderCredentials;
  /** Node's fetch unless a test gives another. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The signal that ends one request: AbortSignal.timeout(timeoutMs) unless a test fires its own. */
  timeoutSignal?: (timeoutMs: number) => AbortSignal;
}

/**
 * The list field of each list-reading method (methods.json response shapes): an empty-list
 * `no_*` status becomes this field as [], and a fetch-one object there becomes a list of one.
 */
export const LIST_FIELDS: Readonly<Record<string, string>> = {
  getClients: 'clients',
  getBalanceManagement: 'balance_management',
  getCharges: 'charges',
  getDeposits: 'deposits',
  getPackages: 'packages',
  getClientPackages: 'packages',
  getSubAccounts: 'accounts',
  getDIDsInfo: 'dids',
  getResellerCDR: 'cdr',
  getCDR: 'cdr',
  getRates: 'rates',
  getTerminationRates: 'rates',
  getRoutes: 'routes',
  getTransactionHistory: 'transactions',
};

/** Reads go as GET with a query string, writes as POST form fields (voipms-api.md). */
export const isReadMethod = (method: string): boolean => method.startsWith('get');

/** Parameter values as the wire has them: text, booleans as 1/0, absent values left out. */
export function wireParams(params: ProviderParams): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    entries.push([name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  }
  return entries;
}

/** The Node error codes of a connection that never carried the request: nothing was sent, so nothing was done. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause;
  }
  return undefined;
}

/** The VoIP.ms REST/JSON API over HTTP(S): one request per call, its answer read into a reply or a ProviderError. */
export class VoipmsProvider implements Provider {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly timeoutSignal: (timeoutMs: number) => AbortSignal;

  constructor(private readonly options: VoipmsOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
  }

  async call(method: string, params: ProviderParams = {}): Promise<ProviderReply> {
    const { username, password, baseUrl } = this.options.credentials;
    const fields = new URLSearchParams([['api_username', username], ['api_password', password], ['method', method], ...wireParams(params)]);
    const read = isReadMethod(method);
    const signal = this.timeoutSignal(this.timeoutMs);
    let response: Response;
    let body: string;
    try {
      if (read) {
        const url = new URL(baseUrl);
        for (const [name, value] of fields) url.searchParams.append(name, value);
        response = await this.fetchImpl(url, { method: 'GET', headers: { accept: 'application/json' }, signal });
      } else {
        response = await this.fetchImpl(baseUrl, {
          method: 'POST',
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: fields.toString(),
          signal,
        });
      }
      body = await response.text();
    } catch (error) {
      throw this.networkError(method, error, signal);
    }
    return this.readAnswer(method, read, response.status, body);
  }

  private networkError(method: string, error: unknown, signal: AbortSignal): ProviderError {
    if (signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) {
      return new ProviderError('unknown', 'timeout', `The provider did not answer within ${Math.round(this.timeoutMs / 1000)} s: the request may or may not have been applied`, method);
    }
    const code = causeCode(error);
    if (code === 'ERR_INVALID_URL') {
      return new ProviderError('permanent', 'network', `"${this.options.credentials.baseUrl}" is not an address: check the API address in Settings → Provider`, method);
    }
    if (code && NOT_SENT_CODES.has(code)) {
      return new ProviderError('transient', 'network', `Cannot reach the provider at ${this.host()} (${code}): nothing was sent`, method);
    }
    return new ProviderError('unknown', 'network', `The connection to the provider was lost${code ? ` (${code})` : ''} after the request was sent: it may or may not have been applied`, method);
  }

  private readAnswer(method: string, read: boolean, httpStatus: number, body: string): ProviderReply {
    if (httpStatus >= 500) {
      throw new ProviderError('transient', `http_${httpStatus}`, `The provider's server had an error (HTTP ${httpStatus}); it will be tried again`, method);
    }
    if (httpStatus === 429) throw new ProviderError('transient', 'http_429', 'The provider asks to slow down (HTTP 429); it will be tried again', method);
    if (httpStatus >= 400) {
      throw new ProviderError('permanent', `http_${httpStatus}`, `The provider's address refused the request (HTTP ${httpStatus}): check the API address in Settings → Provider`, method);
    }
    // Some successful writes answer with an empty body (voipms-api.md).
    if (body.trim() === '') {
      if (!read) return { status: 'success' };
      throw new ProviderError('transient', 'empty_reply', 'The provider sent an empty answer; it will be tried again', method);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      // A cut answer: the write may have been done.
      const kind: ProviderErrorKind = read ? 'transient' : 'unknown';
      throw new ProviderError(kind, 'bad_reply', 'The provider\'s answer could not be read (not JSON)', method);
    }
    if (!isRecord(parsed) || typeof parsed.status !== 'string') {
      throw new ProviderError(read ? 'transient' : 'unknown', 'bad_reply', 'The provider\'s answer has no status', method);
    }
    const status = parsed.status;
    const listField = LIST_FIELDS[method];
    if (status === 'success') {
      if (listField && listField in parsed) return { ...parsed, [listField]: this.list(method, parsed[listField]) };
      return parsed;
    }
    if (listField && isEmptyListStatus(status)) return { ...parsed, [listField]: [] };
    throw new ProviderError(kindOfStatus(status), status, describeStatus(status), method);
  }

  private list(method: string, value: unknown): Record<string, unknown>[] {
    try {
      return wireList(value);
    } catch (error) {
      throw new ProviderError('transient', 'bad_reply', `The provider's answer could not be read: ${error instanceof Error ? error.message : String(error)}`, method);
    }
  }

  private host(): string {
    try {
      return new URL(this.options.credentials.baseUrl).host;
    } catch {
      return this.options.credentials.baseUrl;
    }
  }
}
