import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emailHandlers } from '../../main/handlers/email';
import { createContext } from '../../main/services/context';
import { sendTestEmail } from '../../main/services/email/compose';
import { saveEmailSettings } from '../../main/services/email/settings';
import { nodemailerTransportWith } from '../../main/services/email/transport';
import { AppError } from '../../main/errors';
import { selfSignedCertificate, startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer';
import { FIXED_NOW, tempStore, type TempStore } from '../helpers/store';

/**
 * Issue 15: the settings' security, against real TLS servers on 127.0.0.1 with a self-signed
 * certificate the transport is told to trust (`ca`, never checks turned off): 'tls' speaks TLS
 * from the first byte, 'starttls' upgrades and refuses a server that cannot, a server of the
 * other kind is refused with why.
 */

let certificate: { key: string; cert: string };
let temp: TempStore;
const servers: TestSmtpServer[] = [];

beforeAll(() => {
  certificate = selfSignedCertificate();
});
beforeEach(async () => {
  temp = await tempStore();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await temp.cleanup();
});

async function server(options: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
  const started = await startSmtpServer(options);
  servers.push(started);
  return started;
}

const context = () => createContext(temp.store, () => FIXED_NOW);
const trusting = () => nodemailerTransportWith({ ca: certificate.cert });

async function settings(port: number, security: 'tls' | 'starttls'): Promise<void> {
  await saveEmailSettings(context(), { enabled: true, host: '127.0.0.1', port, security, user: 'mailer', password: 'T1s-Secret', clearPassword: false, fromAddress: 'billing@northwind.example', fromName: '' });
}

describe('SMTP over TLS', () => {
  it("'tls' sends over TLS from the start, the login inside it", async () => {
    const implicit = await server({ users: { mailer: 'T1s-Secret' }, tls: { ...certificate, implicit: true } });
    await settings(implicit.port, 'tls');
    const handlers = emailHandlers(context(), { transport: trusting() });
    await handlers['email.test']({ to: 'me@northwind.example' });
    const [mail] = await implicit.received(1);
    expect(mail).toMatchObject({ secure: true, user: 'mailer', to: ['me@northwind.example'] });
  });

  it("'starttls' upgrades before the login", async () => {
    const upgrading = await server({ users: { mailer: 'T1s-Secret' }, tls: { ...certificate, implicit: false } });
    await settings(upgrading.port, 'starttls');
    await sendTestEmail(context(), { to: 'me@northwind.example' }, trusting());
    const [mail] = await upgrading.received(1);
    expect(mail).toMatchObject({ secure: true, user: 'mailer' });
  });

  it("'starttls' refuses a server that offers no STARTTLS: the password never crosses in the clear", async () => {
    const plain = await server({ users: { mailer: 'T1s-Secret' } });
    await settings(plain.port, 'starttls');
    const refused = sendTestEmail(context(), { to: 'me@northwind.example' }, trusting());
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toThrow(/STARTTLS/);
    expect(plain.messages).toEqual([]);
    expect(plain.refusedLogins).toEqual([]);
  });

  it('a certificate nobody vouches for is refused (the hosts trust only the system)', async () => {
    const implicit = await server({ users: { mailer: 'T1s-Secret' }, tls: { ...certificate, implicit: true } });
    await settings(implicit.port, 'tls');
    await expect(sendTestEmail(context(), { to: 'me@northwind.example' })).rejects.toThrow(/self[- ]signed/i);
    expect(implicit.messages).toEqual([]);
  });
});
