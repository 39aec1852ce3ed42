import type { AccountProblem } from '@mailroom/contract';
import { AppError } from '../platform/errors/index.ts';

export interface Endpoint { host: string; port: number; security: 'tls' | 'starttls' | 'none' }
/** Credentials: a password, or an OAuth2 access token (XOAUTH2). */
export type Credentials = { user: string; pass: string } | { user: string; accessToken: string };
export interface ConnectOptions extends Endpoint { auth: Credentials; timeoutMs: number; ca?: string[] }

/** A failure talking to a mail server, with the reason a person can act on. */
export class MailServerError extends Error {
  constructor(readonly problem: AccountProblem, readonly detail: string) {
    super(`${problem}: ${detail}`);
  }
}

const certCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_NOT_YET_VALID',
]);
const disabled = /imap (access )?(is )?disabled|enable imap|web ?login required|application-specific password|pop3? (access )?(is )?disabled|not enabled for (imap|pop)/i;

type Err = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; response?: string; responseCode?: number; command?: string };

/** Puts any socket, TLS, DNS, IMAP, POP3 or SMTP error into one of the problems the client explains. */
export function classify(error: unknown, security?: Endpoint['security']): MailServerError {
  if (error instanceof MailServerError) return error;
  const e = (error ?? {}) as Err;
  const code = e.code ?? '';
  const text = [e.responseText, typeof e.response === 'string' ? e.response : '', e.message].filter(Boolean).join(' ').slice(0, 500);
  if (disabled.test(text)) return new MailServerError('IMAP_DISABLED', text);
  if (e.authenticationFailed || code === 'EAUTH' || /AUTHENTICATIONFAILED|authentication failed|invalid credentials|\[AUTH\]/i.test(text)) return new MailServerError('AUTH_FAILED', text);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return new MailServerError('HOST_NOT_FOUND', text);
  if (code === 'ECONNREFUSED') return new MailServerError('CONNECTION_REFUSED', text);
  if (certCodes.has(code)) return new MailServerError('CERTIFICATE_INVALID', text);
  if (/wrong version number|ssl routines|EPROTO|unknown protocol|packet length too long|TLS|STARTTLS|ClosedAfterConnectTLS/i.test(code + ' ' + text)) {
    return new MailServerError('TLS_MISMATCH', text);
  }
  // a plain connection to a port that waits for TLS hears nothing: the greeting never comes
  if (code === 'GREETING_TIMEOUT' && security !== 'tls') return new MailServerError('TLS_MISMATCH', text);
  if (/TIMEOUT|ETIMEDOUT|ETIMEOUT|timed out/i.test(code + ' ' + text)) return new MailServerError('TIMEOUT', text);
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || (typeof e.responseCode === 'number' && e.responseCode >= 500)) return new MailServerError('SEND_REFUSED', text);
  if (code === 'ECONNRESET' || code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ECONNECTION' || code === 'ESOCKET') {
    // a TLS client on a plain port, or the reverse, usually ends like this
    return new MailServerError(security === 'none' ? 'PROTOCOL_ERROR' : 'TLS_MISMATCH', text || code);
  }
  return new MailServerError('PROTOCOL_ERROR', text || String(error));
}

/** For a request a person waits on: the failure as MAIL_SERVER_FAILED with its problem code and the server's words. */
export function serverFailure(error: unknown, security?: Endpoint['security']): AppError {
  if (error instanceof AppError) return error;
  const e = classify(error, security);
  return new AppError('MAIL_SERVER_FAILED', `The mail server of this account failed (${e.problem}): ${e.detail}`.slice(0, 600), { problem: e.problem });
}
