import { ImapFlow } from 'imapflow';
import { classifyConnect, servername, type ConnectOptions } from '../problems.ts';

/**
 * Opens an authenticated IMAP session (imapflow). TLS from the first byte, STARTTLS (required)
 * or plain; XOAUTH2 when the credentials carry an access token. Failures are classified; one
 * after the greeting is marked `greeted`.
 */
/** How long connecting and signing in may take in all: four timeouts, and never under 30 s. */
export const signInLimitMs = (timeoutMs: number) => Math.max(timeoutMs * 4, 30_000);

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
    tls: { ca: o.ca, servername: servername(o.host), ...(o.lookup ? { lookup: o.lookup } : {}) },
    disableAutoIdle: true,
  });
  // errors after connect surface on the next command; the event must have a listener
  client.on('error', () => {});
  // imapflow times the connection and the greeting, but what follows them (CAPABILITY, STARTTLS,
  // LOGIN…) only by socketTimeout, kept long for IDLE and large fetches. Signing in gets a limit of
  // its own, a generous one: servers answer a wrong password slowly on purpose (Dovecot takes 2 s,
  // and 6 s from the second failure on), and that must still read as a wrong password.
  let timer: NodeJS.Timeout | undefined;
  const signInTimeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('The server did not finish the sign-in in time'), { code: 'ETIMEDOUT' })), signInLimitMs(o.timeoutMs));
  });
  try {
    await Promise.race([client.connect(), signInTimeout]);
  } catch (err) {
    client.close();
    throw await classifyConnect(err, o, client.greeting !== undefined);
  } finally {
    clearTimeout(timer);
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
