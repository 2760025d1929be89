import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Issue 15: a real SMTP server on 127.0.0.1 for the e-mail tests (the `smtp-server` package),
 * plain (the settings' security 'none'), with a login when `users` is given. It keeps every
 * message it accepted, parsed; tests wait on `received(n)`, never on time.
 */
export interface ReceivedMail {
  /** The envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  /** Who logged in, or null. */
  user: string | null;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Logins the server refused (user names). */
  refusedLogins: string[];
  /** Set to a reply ("451 4.3.0 Try later") to refuse every recipient until set back to null. */
  refuseRecipients: { code: number; message: string } | null;
  /** Resolves once at least `count` messages arrived. */
  received(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: { users?: Record<string, string> } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters: { count: number; resolve: (mails: ReceivedMail[]) => void }[] = [];
  const wake = (): void => {
    for (const waiter of [...waiters]) {
      if (messages.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(messages.slice());
    }
  };
  const state: TestSmtpServer = {
    port: 0,
    messages,
    refusedLogins: [],
    refuseRecipients: null,
    received: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, resolve });
        wake();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const users = options.users;
  const server = new SMTPServer({
    secure: false,
    // The console's 'none' security never starts TLS; the tests' server offers none.
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !users,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (users && auth.username !== undefined && users[auth.username] === auth.password) {
        callback(null, { user: auth.username });
        return;
      }
      state.refusedLogins.push(auth.username ?? '');
      callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const refusal = state.refuseRecipients;
      if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom;
            messages.push({
              from: from ? from.address : '',
              to: session.envelope.rcptTo.map((address) => address.address),
              user: typeof session.user === 'string' ? session.user : null,
              raw,
              parsed,
            });
            callback();
            wake();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  return state;
}
