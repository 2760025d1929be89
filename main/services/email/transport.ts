import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpSecurity } from '../../../preload/schemas/email';

/**
 * Issue 15: how a message leaves the console — the reseller's SMTP server, through nodemailer.
 * The services see only `MailTransport`, made by a factory the hosts (and tests) may replace:
 * a test points it at an `smtp-server` on 127.0.0.1, or at one with a self-signed certificate.
 */

/** The saved settings with the password opened: what a connection needs. */
export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  /** Empty when the server takes mail without a login. */
  password: string;
}

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MailAttachment[];
}

export interface SentMail {
  /** The server's answer ("250 2.0.0 OK queued as …"). */
  response: string;
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export type MailTransportFactory = (config: SmtpConfig) => MailTransport;

/**
 * Why a send failed, in the server's words where it gave any. `permanent`: the server refused
 * this recipient for good (5xx to RCPT TO): trying the same address again cannot work.
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly authentication: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/**
 * Waits short enough that a dead server never holds a pass for long, long enough for a slow
 * one over a poor link (nodemailer's own defaults are 2 min / 30 s / 10 min).
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 } as const;

/** nodemailer's options for the settings: TLS from the start, STARTTLS required, or plain (a server on this computer). */
export function smtpOptions(config: SmtpConfig): SMTPTransport.Options {
  const security: Pick<SMTPTransport.Options, 'secure' | 'requireTLS' | 'ignoreTLS'> =
    config.security === 'tls' ? { secure: true } : config.security === 'starttls' ? { secure: false, requireTLS: true } : { secure: false, ignoreTLS: true };
  return {
    host: config.host,
    port: config.port,
    ...security,
    ...(config.user !== '' ? { auth: { user: config.user, pass: config.password } } : {}),
    ...SMTP_TIMEOUTS,
  };
}

interface SmtpFailure {
  message?: unknown;
  code?: unknown;
  response?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/** A nodemailer failure as the reseller reads it: the server's answer when it gave one, else what went wrong on the way. */
export function describeSmtpFailure(error: unknown, config: Pick<SmtpConfig, 'host' | 'port'>): MailSendError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? (error as SmtpFailure) : { message: String(error) };
  const code = typeof failure.code === 'string' ? failure.code : '';
  const response = typeof failure.response === 'string' ? failure.response.trim() : '';
  const responseCode = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  const command = typeof failure.command === 'string' ? failure.command : '';
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  const where = `${config.host}:${config.port}`;
  const authentication = code === 'EAUTH';
  // A 5xx to a recipient: the address is refused (no such mailbox, relaying denied for it).
  const permanent = responseCode !== null && responseCode >= 500 && command.toUpperCase().startsWith('RCPT');
  let text: string;
  if (authentication) text = `The SMTP server ${where} refused the login: ${response || message}`;
  else if (response !== '') text = `The SMTP server ${where} refused${command ? ` (${command})` : ''}: ${response}`;
  else if (code === 'ETIMEDOUT' || /timeout/i.test(message)) text = `The SMTP server ${where} did not answer in time: ${message}`;
  else if (code === 'ESOCKET' || code === 'ECONNECTION' || code === 'EDNS') text = `Could not reach the SMTP server ${where}: ${message}`;
  else text = `Sending through ${where} failed: ${message}`;
  return new MailSendError(oneLine(text), permanent, authentication);
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 1_000);

/**
 * A nodemailer SMTP transport per send pass, closed after it. `tls` adds to Node's TLS
 * options: a test trusts its self-signed certificate (`ca`), never by turning checks off.
 */
export const nodemailerTransportWith =
  (tls: SMTPTransport.Options['tls'] = undefined): MailTransportFactory =>
  (config) => {
    const transporter = nodemailer.createTransport({ ...smtpOptions(config), ...(tls ? { tls } : {}) });
    return wrap(transporter, config);
  };

/** The hosts' factory: the system's trusted certificates. */
export const nodemailerTransport: MailTransportFactory = nodemailerTransportWith();

function wrap(transporter: Transporter<SMTPTransport.SentMessageInfo>, config: SmtpConfig): MailTransport {
  return {
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: { name: mail.from.name, address: mail.from.address },
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          attachments: (mail.attachments ?? []).map((attachment) => ({ filename: attachment.fileName, contentType: attachment.contentType, content: attachment.content })),
        });
        return { response: info.response, messageId: info.messageId };
      } catch (error) {
        throw describeSmtpFailure(error, config);
      }
    },
    close: () => transporter.close(),
  };
}
