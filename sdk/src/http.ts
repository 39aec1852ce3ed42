import { MailroomError } from './errors.ts';

export interface HttpOptions {
  /** Server origin, e.g. http://127.0.0.1:8080; empty for same-origin use in the browser. */
  baseUrl?: string;
  /** A host application's API key (server side only). */
  apiKey?: string;
  /** A host-minted user token (embedded widgets). */
  token?: string;
  fetch?: typeof fetch;
  /** Extra headers on every call (tests use it to carry a cookie from Node). */
  headers?: Record<string, string>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The transport under every SDK call: JSON in and out, errors as MailroomError, CSRF token carried. */
export class Http {
  csrfToken: string | null = null;
  cookie: string | null = null;
  constructor(readonly opts: HttpOptions) {}

  get baseUrl() {
    return (this.opts.baseUrl ?? '').replace(/\/$/, '');
  }

  /** A call whose body is sent as is (file uploads). */
  raw<T>(method: string, path: string, body: Blob | Uint8Array | ArrayBuffer, contentType: string, query?: Record<string, unknown>): Promise<T> {
    return this.call<T>(method, path, undefined, query, { body: body as BodyInit, contentType });
  }

  async call<T>(method: string, path: string, body?: unknown, query?: Record<string, unknown>, raw?: { body: BodyInit; contentType: string }): Promise<T> {
    const url = new URL(this.baseUrl + path, this.baseUrl || (globalThis as { location?: { origin: string } }).location?.origin);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...this.opts.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw) headers['content-type'] = raw.contentType;
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    else if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    if (UNSAFE.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.cookie) headers.cookie = this.cookie;
    const f = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await f(url, { method, headers, body: raw ? raw.body : body === undefined ? undefined : JSON.stringify(body), credentials: 'include' });
    } catch (e) {
      throw new MailroomError(0, 'NETWORK', `The server cannot be reached: ${(e as Error).message}`);
    }
    const setCookie = res.headers.get('set-cookie');
    if (setCookie && typeof window === 'undefined') this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let data: any;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      const e = data?.error ?? {};
      // a proxy or load balancer answering for a server that is down or restarting
      if (!e.code && res.status >= 502 && res.status <= 504) throw new MailroomError(res.status, 'NETWORK', `The server is unreachable (HTTP ${res.status}).`);
      throw new MailroomError(res.status, e.code ?? 'INTERNAL', e.message ?? res.statusText, e.field, e.requestId, e.retryAfterSeconds, e.problem);
    }
    if (text && data === undefined) throw new MailroomError(res.status, 'INTERNAL', 'The server answered with something that is not JSON.');
    return data as T;
  }
}
