import { ImapFlow } from 'imapflow';
import { classify, type ConnectOptions } from '../problems.ts';

/**
 * Opens an authenticated IMAP session (imapflow). TLS from the first byte, STARTTLS (required)
 * or plain; XOAUTH2 when the credentials carry an access token. Failures are classified.
 */
export async function openImap(o: ConnectOptions): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: o.host,
    port: o.port,
    secure: o.security === 'tls',
    doSTARTTLS: o.security === 'starttls' ? true : o.security === 'none' ? false : undefined,
    auth: 'accessToken' in o.auth ? { user: o.auth.user, accessToken: o.auth.accessToken } : { user: o.auth.user, pass: o.auth.pass },
    logger: false,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: Math.max(o.timeoutMs * 4, 60_000),
    tls: { ca: o.ca, servername: /^[\d.]+$|:/.test(o.host) ? undefined : o.host },
    disableAutoIdle: true,
  });
  // errors after connect surface on the next command; the event must have a listener
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw classify(err, o.security);
  }
  return client;
}

/** Opens a session, runs fn with it and logs out (closing the socket if the server no longer answers). */
export async function withImap<T>(o: ConnectOptions, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await openImap(o);
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
