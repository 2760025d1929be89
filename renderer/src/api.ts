import type { Api, ChannelName, EventSubscription } from '../../preload/contract';
import type { AppEvents, DataDomain, EventName } from '../../preload/events';
import type { ApiError, ErrorCode, Result } from '../../preload/result';
import { dataDomains, EVENT_NAMES } from '../../preload/common/events';

/**
 * The one way the UI talks to main. In Electron the preload exposes `window.api`; the
 * headless host has no preload, so the same `Api` shape is built here over HTTP
 * (`POST /api/<channel>` with the per-run token the host injects into the page).
 * Pages cannot tell which host they run in, and no call ever throws: every failure,
 * including a dead network, comes back as `{ ok: false, error }`.
 */
const TOKEN_META = 'rc-api-token';
const TOKEN_HEADER = 'x-rc-token';
const EVENTS_PATH = '/api/events';
// After a dropped stream, wait this long before reconnecting (a restart of the host, a sleep of the machine).
const RECONNECT_DELAY_MS = 1_000;

// Exhaustive on purpose: a new ErrorCode in preload/result.ts must be added here too.
const KNOWN_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  not_found: true,
  conflict: true,
  unknown_channel: true,
  unauthorized: true,
  db_too_new: true,
  internal: true,
};

// The event and domain names are main's own lists (preload/common/events.ts, checked against the declared events).
const ALL_DOMAINS: readonly DataDomain[] = dataDomains;

const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

function readToken(): string | null {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  return meta?.content || null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Accepts only a Result-shaped body; the host's own refusals (405, 413…) carry codes the UI maps to `internal`. */
function toResult(body: unknown): Result<unknown> {
  if (!isRecord(body) || typeof body.ok !== 'boolean') {
    return failure('internal', 'The host sent an answer the app does not understand.');
  }
  if (body.ok) return { ok: true, value: body.value };
  const error = isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' && error.code in KNOWN_CODES ? (error.code as ErrorCode) : 'internal';
  const message = typeof error.message === 'string' ? error.message : 'The request failed.';
  const apiError: ApiError = { code, message };
  if (Array.isArray(error.issues)) apiError.issues = error.issues as ApiError['issues'];
  return { ok: false, error: apiError };
}

async function callOverHttp(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  const token = readToken();
  if (token === null) {
    return failure('unauthorized', 'This page was not opened from the Reseller Console, so it cannot reach your data.');
  }
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input === undefined ? {} : { input }),
    });
  } catch {
    return failure('internal', 'Could not reach the Reseller Console host. Is it still running?');
  }
  try {
    return toResult(await response.json());
  } catch {
    return failure('internal', `The host answered with HTTP ${response.status} and no readable result.`);
  }
}

type AnyListener = (payload: never) => void;

/**
 * The headless host's events: one Server-Sent Events stream (`GET /api/events` with the
 * token header, read with fetch streaming since EventSource cannot send headers), opened
 * on the first subscription and shared by all. Only declared event names are delivered.
 * After a reconnect the window may have missed changes, so it hears that everything changed.
 */
function createHttpEvents(): EventSubscription {
  const listeners = new Map<EventName, Set<AnyListener>>();
  let started = false;
  const declared = new Set<string>(EVENT_NAMES);

  const deliver = <K extends EventName>(name: K, payload: AppEvents[K]): void => {
    for (const listener of listeners.get(name) ?? []) (listener as (payload: AppEvents[K]) => void)(payload);
  };

  const handleBlock = (block: string): void => {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data.push(line.slice('data:'.length).trimStart());
    }
    if (!declared.has(name) || data.length === 0) return;
    try {
      deliver(name as EventName, JSON.parse(data.join('\n')) as AppEvents[EventName]);
    } catch {
      // A malformed event is dropped; the next change refreshes the view anyway.
    }
  };

  const connect = async (reconnected: boolean): Promise<void> => {
    const token = readToken();
    if (token === null) return;
    try {
      const response = await fetch(EVENTS_PATH, { headers: { [TOKEN_HEADER]: token, accept: 'text/event-stream' } });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      if (reconnected) deliver('data.changed', { domains: [...ALL_DOMAINS] });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value.replace(/\r\n?/g, '\n');
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          handleBlock(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          end = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // Fall through to the reconnect below.
    }
    setTimeout(() => void connect(true), RECONNECT_DELAY_MS);
  };

  return {
    on(name, listener) {
      if (!declared.has(name)) throw new Error(`There is no event "${String(name)}"`);
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener as AnyListener);
      if (!started) {
        started = true;
        void connect(false);
      }
      return () => {
        set.delete(listener as AnyListener);
      };
    },
  };
}

/**
 * `api.<domain>.<verb>(input)` → `POST /api/<domain>.<verb>`. A Proxy keeps this in step
 * with preload/contract.ts without importing its runtime (zod schemas stay in main).
 */
function createHttpApi(): Api {
  const domains = new Map<string, object>();
  const events = createHttpEvents();
  const domainProxy = (domain: string): object =>
    new Proxy(
      {},
      {
        get: (_target, verb) =>
          // 'then' must stay undefined, or `await api.packages` would treat the proxy as a promise.
          typeof verb === 'string' && verb !== 'then'
            ? (input?: unknown) => callOverHttp(`${domain}.${verb}` as ChannelName, input)
            : undefined,
      },
    );
  const root = new Proxy(
    {},
    {
      get: (_target, domain) => {
        if (typeof domain !== 'string' || domain === 'then') return undefined;
        if (domain === 'events') return events;
        let proxy = domains.get(domain);
        if (!proxy) {
          proxy = domainProxy(domain);
          domains.set(domain, proxy);
        }
        return proxy;
      },
    },
  );
  // The Proxy answers every `domain.verb` of the contract; TypeScript cannot see through a Proxy.
  return root as Api;
}

export const api: Api = window.api ?? createHttpApi();
