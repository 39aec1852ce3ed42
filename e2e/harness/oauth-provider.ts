import { createServer, type IncomingMessage } from 'node:http';

/**
 * A stand-in OAuth2 provider on loopback: /authorize agrees at once and sends the browser back
 * with a code; /token gives tokens for that code, and answers invalid_grant to a refresh (the
 * grant was withdrawn). `lifetime` is the access token's life in seconds.
 */
export interface FakeProvider {
  authorizeUrl: string;
  tokenUrl: string;
  /** The query of every /authorize visit. */
  authorized: URLSearchParams[];
  /** The form of every /token call. */
  tokenCalls: URLSearchParams[];
  lifetime: number;
  stop: () => Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
  });

export async function startFakeProvider(): Promise<FakeProvider> {
  const authorized: URLSearchParams[] = [];
  const tokenCalls: URLSearchParams[] = [];
  const provider = { authorized, tokenCalls, lifetime: 3600 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize') {
      authorized.push(url.searchParams);
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', `code-${authorized.length}`);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      tokenCalls.push(form);
      const json = (status: number, o: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (form.get('grant_type') === 'authorization_code') {
        json(200, { access_token: `access-${tokenCalls.length}`, refresh_token: 'refresh-1', expires_in: provider.lifetime, token_type: 'Bearer' });
      } else {
        json(400, { error: 'invalid_grant', error_description: 'The grant was revoked' });
      }
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return Object.assign(provider, {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  });
}
