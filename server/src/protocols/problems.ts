import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { AccountProblem } from '@mailroom/contract';
import { AppError } from '../platform/errors/index.ts';

export interface Endpoint { host: string; port: number; security: 'tls' | 'starttls' | 'none' }
/** Credentials: a password, or an OAuth2 access token (XOAUTH2). */
export type Credentials = { user: string; pass: string } | { user: string; accessToken: string };
/** Where and how to reach a server. */
export interface Reach extends Endpoint {
  timeoutMs: number;
  /** Resolves the host name instead of the system's resolver (tests inject one); unset: the system's. */
  lookup?: LookupFunction;
}
export interface ConnectOptions extends Reach { auth: Credentials; ca?: string[] }

/** A failure talking to a mail server, with the reason a person can act on. */
export class MailServerError extends Error {
  /** greeted: the server had greeted, so the failure came while signing in (not while connecting). */
  constructor(readonly problem: AccountProblem, readonly detail: string, readonly greeted = false) {
    super(`${problem}: ${detail}`);
  }
}

const certCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_NOT_YET_VALID',
]);
// what providers answer a sign-in with when access by mail programs is turned off: Gmail "Your account
// is not enabled for IMAP use" / "…for POP access", Yandex "LOGIN invalid credentials or IMAP is
// disabled" / "login failure or POP3 disabled", Zoho "You are yet to enable IMAP for your account".
// A demand for an app password ("Application-specific password required") is AUTH_FAILED: its
// advice is to create one.
const disabled = /\b(imap|pop3?)( access)?( is)? (disabled|not enabled|turned off)\b|enable imap|web ?login required|not enabled for (imap|pop)/i;

type Err = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; response?: string; responseCode?: number; command?: string; timeoutType?: string };

const words = (e: Err) => [e.responseText, typeof e.response === 'string' ? e.response : '', e.message].filter(Boolean).join(' ').slice(0, 500);

/** Puts any socket, TLS, DNS, IMAP, POP3 or SMTP error into one of the problems the client explains. */
export function classify(error: unknown, security?: Endpoint['security']): MailServerError {
  if (error instanceof MailServerError) return error;
  const e = (error ?? {}) as Err;
  const code = e.code ?? '';
  const text = words(e);
  if (disabled.test(text)) return new MailServerError('IMAP_DISABLED', text);
  if (e.authenticationFailed || code === 'EAUTH' || /AUTHENTICATIONFAILED|authentication failed|invalid credentials|\[AUTH\]/i.test(text)) return new MailServerError('AUTH_FAILED', text);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EDNS') return new MailServerError('HOST_NOT_FOUND', text);
  if (code === 'ECONNREFUSED') return new MailServerError('CONNECTION_REFUSED', text);
  if (certCodes.has(code)) return new MailServerError('CERTIFICATE_INVALID', text);
  if (/wrong version number|ssl routines|EPROTO|unknown protocol|packet length too long|TLS|STARTTLS|ClosedAfterConnectTLS/i.test(code + ' ' + text)) {
    return new MailServerError('TLS_MISMATCH', text);
  }
  // a plain connection to a port that waits for TLS hears nothing: the greeting never comes (the
  // likelier reason without a probe; classifyConnect asks the port whether it speaks TLS)
  if (code === 'GREETING_TIMEOUT' && security !== 'tls') return new MailServerError('TLS_MISMATCH', text);
  if (/TIMEOUT|ETIMEDOUT|ETIMEOUT|timed out/i.test(code + ' ' + text)) return new MailServerError('TIMEOUT', text);
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || (typeof e.responseCode === 'number' && e.responseCode >= 500)) return new MailServerError('SEND_REFUSED', text);
  if (code === 'ECONNRESET' || code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ECONNECTION' || code === 'ESOCKET') {
    // a TLS client on a plain port, or the reverse, usually ends like this
    return new MailServerError(security === 'none' ? 'PROTOCOL_ERROR' : 'TLS_MISMATCH', text || code);
  }
  return new MailServerError('PROTOCOL_ERROR', text || String(error));
}

/** The name to send in TLS's SNI: the host, unless it is an IP address (SNI takes names only). */
export const servername = (host: string) => (/^[\d.]+$|:/.test(host) ? undefined : host);

/** The connection opened but the server's greeting never came (imapflow, the POP3 client, nodemailer). */
const greetingTimedOut = (e: Err) => e.code === 'GREETING_TIMEOUT' || e.timeoutType === 'GREETING_TIMEOUT';

/**
 * Whether host:port completes a TLS handshake: a server on an implicit-TLS port waits for the
 * client's hello and so says nothing to a plain client, like a server that is merely stuck. The
 * certificate is not judged here and nothing is sent after the handshake.
 */
export function speaksTls(o: Reach): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tls.connect({
      host: o.host, port: o.port, rejectUnauthorized: false, servername: servername(o.host), ...(o.lookup ? { lookup: o.lookup } : {}),
    });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), o.timeoutMs);
    s.once('secureConnect', () => done(true));
    s.once('error', () => done(false));
    s.once('close', () => done(false));
  });
}

/**
 * classify for a failure while connecting and signing in. A greeting that never came over a plain
 * or STARTTLS connection is TLS_MISMATCH only when the port answers a TLS handshake; otherwise the
 * server took the connection and did not answer in time (TIMEOUT). greeted: the server had greeted.
 */
export async function classifyConnect(error: unknown, o: Reach, greeted = false): Promise<MailServerError> {
  if (error instanceof MailServerError) return greeted && !error.greeted ? new MailServerError(error.problem, error.detail, true) : error;
  const e = (error ?? {}) as Err;
  if (o.security !== 'tls' && greetingTimedOut(e)) {
    return (await speaksTls(o))
      ? new MailServerError('TLS_MISMATCH', `No greeting over a ${o.security === 'none' ? 'plain' : 'STARTTLS'} connection; the port expects TLS from the start`)
      : new MailServerError('TIMEOUT', `No greeting within ${o.timeoutMs} ms (the port does not answer TLS either)`);
  }
  const c = classify(error, o.security);
  return greeted ? new MailServerError(c.problem, c.detail, true) : c;
}

/** For a request a person waits on: the failure as MAIL_SERVER_FAILED with its problem code and the server's words. */
export function serverFailure(error: unknown, security?: Endpoint['security']): AppError {
  if (error instanceof AppError) return error;
  const e = classify(error, security);
  return new AppError('MAIL_SERVER_FAILED', `The mail server of this account failed (${e.problem}): ${e.detail}`.slice(0, 600), { problem: e.problem });
}
