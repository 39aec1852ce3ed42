import nodemailer from 'nodemailer';
import type { ConnectOptions } from '../problems.ts';

/** An SMTP transport for an account: implicit TLS, required STARTTLS or plain; XOAUTH2 with an access token. */
export function smtpTransport(o: ConnectOptions) {
  return nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.security === 'tls',
    requireTLS: o.security === 'starttls',
    ignoreTLS: o.security === 'none',
    auth: 'accessToken' in o.auth ? { type: 'OAuth2', user: o.auth.user, accessToken: o.auth.accessToken } : { user: o.auth.user, pass: o.auth.pass },
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: Math.max(o.timeoutMs * 4, 60_000),
    tls: { ca: o.ca },
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
