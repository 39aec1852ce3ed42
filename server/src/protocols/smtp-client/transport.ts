import net from 'node:net';
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
    // nodemailer resolves names itself (DNS queries, then the system's lookup); with a resolver
    // of our own the TCP connection is opened here and nodemailer adds TLS on top of it
    ...(o.lookup ? { getSocket: socketVia(o, o.lookup) } : {}),
  });
}

type SocketCallback = (err: Error | null, socketOptions: { connection: net.Socket } | false) => void;

/** nodemailer's getSocket: a TCP connection to the server, its name resolved by `lookup`. */
function socketVia(o: ConnectOptions, lookup: net.LookupFunction) {
  return (_options: unknown, callback: SocketCallback) => {
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        s.destroy();
        callback(err, false);
      } else {
        s.removeListener('error', settle);
        callback(null, { connection: s });
      }
    };
    const s = net.connect({ host: o.host, port: o.port, lookup }, () => settle(null));
    s.once('error', settle);
    const timer = setTimeout(() => settle(Object.assign(new Error('No connection in time'), { code: 'ETIMEDOUT' })), o.timeoutMs);
  };
}
