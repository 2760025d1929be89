import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** Whether the message came over TLS (from the start, or after STARTTLS). */
  secure: boolean;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Logins the server refused (user names). */
  refusedLogins: string[];
  /** What went wrong on the server's side of a connection (a TLS handshake the client left). */
  serverErrors: string[];
  /** Set to a reply ("451 4.3.0 Try later") to refuse every recipient until set back to null. */
  refuseRecipients: { code: number; message: string } | null;
  /** Resolves once at least `count` messages arrived. */
  received(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestTls {
  key: string;
  cert: string;
  /** True: TLS from the first byte (the settings' 'tls'); false: plain, then STARTTLS ('starttls'). */
  implicit: boolean;
}

export async function startSmtpServer(options: { users?: Record<string, string>; tls?: TestTls } = {}): Promise<TestSmtpServer> {
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
    serverErrors: [],
    refuseRecipients: null,
    received: (count) =>
      new Promise((resolve) => {
        waiters.push({ count, resolve });
        wake();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const { users, tls } = options;
  const disabled = [...(tls && !tls.implicit ? [] : ['STARTTLS']), ...(users ? [] : ['AUTH'])];
  const server = new SMTPServer({
    // Without `tls`: plain, as the console's 'none' security expects (no STARTTLS offered).
    secure: tls?.implicit === true,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    disabledCommands: disabled,
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
              secure: session.secure,
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
  // A client that gives up mid-handshake (it does not trust the certificate) is the server's error event, not a crash.
  server.on('error', (error: Error) => state.serverErrors.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as AddressInfo).port;
  return state;
}

/** A self-signed certificate for 127.0.0.1 (openssl), for a TLS test server the client trusts by `ca`. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rc-smtp-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
