import type { Store } from '../../../db/open';
import type { EventBus } from '../../events';
import type { SecretBox } from '../../sync/secretBox';
import type { StoreLender, TimerHandle } from '../billingScheduler';
import { sendDueEmails } from './send';
import type { MailTransportFactory } from './transport';

/**
 * Issue 15: the e-mail worker, beside the sync push worker (main/sync/pushWorker.ts): while a
 * host runs it sends the e-mail outbox — at start (after taking back what a dead process left
 * mid-send), after every change (a low-balance crossing, "E-mail invoice", settings saved),
 * when a retry is due, and on a slow poll. Offline is normal: the e-mails wait.
 */
export interface EmailWorkerOptions {
  /** The database to send from: one store, or a lender of the one open now (the workspace's withStore). */
  store: Store | StoreLender;
  events: EventBus;
  /** Which databases may send: the hosts allow the reseller's own only (the demo's made-up clients get no mail). */
  sendsFrom?: (store: Store) => boolean;
  now?: () => Date;
  transport?: MailTransportFactory;
  /** Opens the SMTP password (the host's box); each database folder's key box when not given. */
  secrets?: SecretBox;
  setTimeout?: (run: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** Looked at this often besides changes and due retries. */
  pollEveryMs?: number;
  log?: (line: string) => void;
}

export interface EmailWorker {
  start(): void;
  /** Something changed: look at the outbox soon. */
  kick(): void;
  /** Clears its timers, stops listening; resolves once a pass in flight has ended. */
  stop(): Promise<void>;
  /** Resolves once every pass asked for so far has ended (tests wait on it, never on time). */
  idle(): Promise<void>;
}

export const EMAIL_POLL_MS = 60_000;

export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
  const now = options.now ?? (() => new Date());
  // Unref'd: a retry due later never keeps a process alive on its own (the hosts stop the worker).
  const setTimer = options.setTimeout ?? ((run: () => void, ms: number): TimerHandle => setTimeout(run, ms).unref());
  const clearTimer = options.clearTimeout ?? ((handle: TimerHandle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  const pollEveryMs = options.pollEveryMs ?? EMAIL_POLL_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const { store } = options;
  const lend: StoreLender = typeof store === 'function' ? store : (work) => work(store);

  let running = false;
  let recovered = new WeakSet<Store>();
  let timer: TimerHandle | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let scheduled = false;
  let unlisten: (() => void) | undefined;

  function arm(ms: number): void {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (!running) return;
    timer = setTimer(() => {
      timer = undefined;
      kick();
    }, Math.max(0, ms));
  }

  async function pass(): Promise<void> {
    scheduled = false;
    if (!running) return;
    let nextDue: string | null = null;
    try {
      nextDue = await lend(async (current) => {
        if (options.sendsFrom && !options.sendsFrom(current)) return null;
        // Once per database opened: what a dead process left mid-send (send.ts recoverSending).
        const recover = !recovered.has(current);
        recovered.add(current);
        const result = await sendDueEmails(current, { now, recover, events: options.events, ...(options.transport ? { transport: options.transport } : {}), ...(options.secrets ? { secrets: options.secrets } : {}) });
        if (result.sent + result.failed + result.retryLater > 0) log(`[email] sent ${result.sent}, failed ${result.failed}, to retry ${result.retryLater}`);
        if (!result.configured) return null;
        // A team server: another instance's claim is due again when its lease ends (send.ts, if that instance died meanwhile).
        const due = await current.db
          .selectFrom('email_outbox')
          .select((eb) => eb.fn.min('next_attempt_at').as('at'))
          .where('status', 'in', current.dialect === 'postgres' ? ['pending', 'sending'] : ['pending'])
          .where('next_attempt_at', 'is not', null)
          .executeTakeFirst();
        return due?.at ?? null;
      });
    } catch (error) {
      log(`[email] sending failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    arm(nextDue === null ? pollEveryMs : Math.min(pollEveryMs, new Date(nextDue).getTime() - now().getTime()));
  }

  function kick(): void {
    if (!running || scheduled) return;
    scheduled = true;
    queue = queue.then(pass);
  }

  return {
    start() {
      if (running) return;
      running = true;
      recovered = new WeakSet();
      // Any change may have queued an e-mail (the ledger door's low-balance crossing announces
      // money, not e-mail), and a switch opens another database. The worker's own moves
      // announce 'email' too: the pass they start finds nothing due and ends quietly.
      unlisten = options.events.listen((name) => {
        if (name === 'data.changed' || name === 'workspace.changed') kick();
      });
      kick();
    },
    kick,
    async stop() {
      running = false;
      unlisten?.();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      await queue;
    },
    async idle() {
      let seen: Promise<unknown>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}
