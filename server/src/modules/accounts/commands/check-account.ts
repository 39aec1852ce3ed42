import type { CheckResult } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { openImap } from '../../../protocols/imap-client/open.ts';
import { Pop3 } from '../../../protocols/pop3-client/pop3.ts';
import { classifyConnect, MailServerError, type ConnectOptions } from '../../../protocols/problems.ts';
import { smtpTransport } from '../../../protocols/smtp-client/transport.ts';

type Step = CheckResult['steps'][number];
export interface CheckTarget { protocol: 'imap' | 'pop3'; incoming: ConnectOptions; smtp: ConnectOptions; email: string; displayName: string | null }

const fail = async (step: Step['step'], err: unknown, o: ConnectOptions): Promise<Step> => {
  const e = await classifyConnect(err, o);
  return { step, ok: false, problem: e.problem, detail: e.detail };
};
const pass = (step: Step['step']): Step => ({ step, ok: true, problem: null, detail: null });

/**
 * "Check account": connect and sign in to the incoming server, list its folders, and send a test
 * message to the account's own address through its SMTP server. Each step says what failed in
 * a way the client words for a person (wrong password, TLS mismatch, unknown host, IMAP disabled…).
 */
export async function checkAccount(deps: Pick<Deps, 'config'>, t: CheckTarget, sendTest: boolean): Promise<CheckResult> {
  const steps: Step[] = [];
  let folders: string[] = [];
  try {
    if (t.protocol === 'imap') {
      const client = await openImap(t.incoming);
      steps.push(pass('connect'), pass('login'));
      try {
        folders = (await client.list()).map((f) => f.path);
        steps.push(pass('folders'));
      } catch (err) {
        steps.push(await fail('folders', err, t.incoming));
      } finally {
        await client.logout().catch(() => client.close());
      }
    } else {
      const pop = await Pop3.open(t.incoming);
      steps.push(pass('connect'), pass('login'));
      try {
        await pop.uidl();
        folders = ['INBOX'];
        steps.push(pass('folders'));
      } catch (err) {
        steps.push(await fail('folders', err, t.incoming));
      } finally {
        await pop.quit().catch(() => pop.close());
      }
    }
  } catch (err) {
    const f = await fail('login', err, t.incoming);
    // a refused password means the connection itself worked; so does a server that greeted and
    // then did not answer the sign-in (or answered it with nonsense)
    const greeted = err instanceof MailServerError && err.greeted && (f.problem === 'TIMEOUT' || f.problem === 'PROTOCOL_ERROR');
    if (f.problem === 'AUTH_FAILED' || f.problem === 'IMAP_DISABLED' || greeted) steps.push(pass('connect'), f);
    else steps.push({ ...f, step: 'connect' });
  }
  if (sendTest) {
    const transport = smtpTransport(t.smtp);
    try {
      await transport.sendMail({
        from: { name: t.displayName ?? t.email, address: t.email },
        to: t.email,
        subject: 'Mailroom: test message',
        text: 'This message was sent by Mailroom to check the account settings. It can be deleted.',
      });
      steps.push(pass('send'));
    } catch (err) {
      steps.push(await fail('send', err, t.smtp));
    } finally {
      transport.close();
    }
  }
  return { ok: steps.every((s) => s.ok), steps, folders };
}
