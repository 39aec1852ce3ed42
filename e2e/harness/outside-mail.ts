import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { dovecotInstalled, startDovecot, type Dovecot } from '../../server/test/harness/dovecot.ts';
import { pick } from './steps.ts';

export { dovecotInstalled };

/** A mailbox at "another provider": a real Dovecot (plain IMAP on loopback) and a local SMTP server that keeps what it gets. */
export interface OutsideMail {
  dv: Dovecot;
  user: string;
  password: string;
  smtpPort: number;
  /** Every message the SMTP server received, as raw text. */
  received: string[];
  append: (raw: string) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startOutsideMail(user: string, password: string): Promise<OutsideMail> {
  const dv = await startDovecot();
  dv.addUser(user, password);
  const received: string[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (a, _s, cb) => (a.username === user && a.password === password ? cb(null, { user }) : cb(new Error('Invalid credentials'))),
    onData: (stream, _s, cb) => {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => (received.push(data), cb()));
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as { port: number }).port;

  const append = async (raw: string) => {
    const c = new ImapFlow({ host: '127.0.0.1', port: dv.imap, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    c.on('error', () => {});
    await c.connect();
    await c.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
    await c.logout();
  };
  const stop = async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    await dv.stop();
  };
  return { dv, user, password, smtpPort, received, append, stop };
}

/** In the open account window (provider "Other"): this mailbox's servers, plain on loopback, and its sign-in. */
export async function fillOutsideServers(page: Page, outside: OutsideMail) {
  await page.getByTestId('account-incoming-host').fill('127.0.0.1');
  await page.getByTestId('account-incoming-port').fill(String(outside.dv.imap));
  await pick(page, 'account-incoming-security', 'None');
  await page.getByTestId('account-smtp-host').fill('127.0.0.1');
  await page.getByTestId('account-smtp-port').fill(String(outside.smtpPort));
  await pick(page, 'account-smtp-security', 'None');
  await page.getByTestId('account-login').fill(outside.user);
  await page.getByTestId('account-password').fill(outside.password);
}
