import type { Deps } from '../../deps.ts';
import type { ConnectOptions, Credentials } from '../../protocols/problems.ts';
import type { AccountRow } from './store.ts';

/** Sealed secrets are bound to their account and column: a copy elsewhere does not open. */
export const secretBinding = (accountId: string) => `mail_accounts:${accountId}:secret`;

export function sealSecret(deps: Pick<Deps, 'sealer'>, accountId: string, secret: string) {
  return deps.sealer.seal(secret, secretBinding(accountId));
}

function credentials(deps: Pick<Deps, 'sealer'>, a: AccountRow): Credentials {
  const secret = a.secret ? deps.sealer.open(a.secret, secretBinding(a.id)) : '';
  return { user: a.login, pass: secret };
}

/** Connection settings for the incoming server (IMAP or POP3) and for SMTP. */
export function incomingOptions(deps: Pick<Deps, 'sealer' | 'config' | 'mailCa'>, a: AccountRow): ConnectOptions {
  return { host: a.in_host, port: a.in_port, security: a.in_security, auth: credentials(deps, a), timeoutMs: deps.config.accountTimeoutMs, ca: deps.mailCa };
}

export function smtpOptions(deps: Pick<Deps, 'sealer' | 'config' | 'mailCa'>, a: AccountRow): ConnectOptions {
  return { host: a.smtp_host, port: a.smtp_port, security: a.smtp_security, auth: credentials(deps, a), timeoutMs: deps.config.accountTimeoutMs, ca: deps.mailCa };
}
