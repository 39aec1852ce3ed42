import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import { isAdmin, type Actor, type Authenticator } from './actor.ts';
import type { RouteDef } from './route.ts';
import { parseOr400 } from './validate.ts';

const SESSION_COOKIE = 'mr_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function credentials(req: FastifyRequest) {
  const h = req.headers.authorization;
  const bearer = h && /^Bearer\s+/i.test(h) ? h.replace(/^Bearer\s+/i, '').trim() : undefined;
  return { cookie: req.cookies?.[SESSION_COOKIE], bearer };
}

/** Decides whether the actor may call a route of this class (object routes check the object in the handler). */
export function authorize(def: Pick<RouteDef, 'access'>, actor: Actor | null) {
  if (def.access === 'public') return;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (def.access === 'person' && actor.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'This call is for a signed-in person, not an API key.');
  if (def.access === 'administrator' && !isAdmin(actor)) throw new AppError('FORBIDDEN');
  // a widget token is for reading and writing as the person, never for administration
  if (def.access === 'administrator' && actor.kind === 'user' && actor.via === 'user-token')
    throw new AppError('FORBIDDEN', 'A widget token cannot administer; sign in to do this.');
  if (def.access === 'application' && actor.kind !== 'app') throw new AppError('FORBIDDEN', 'Only a host application (API key) may do this.');
}

/** Whether a browser's Origin header names this server (no header: not a cross-site browser request). */
export function sameOrigin(origin: string | undefined, host: string | undefined) {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Cookie-authenticated changes need the session's CSRF token in X-CSRF-Token. */
export function checkCsrf(req: FastifyRequest, actor: Actor | null) {
  if (!actor || actor.kind !== 'user' || actor.via !== 'session' || !UNSAFE.has(req.method)) return;
  if (req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('CSRF_FAILED');
}

/** Registers classified routes; those that stream their body get a scope without body parsers. */
export function registerRoutes(app: FastifyInstance, auth: Authenticator, defs: RouteDef[], secureCookies = false) {
  const streamed = defs.filter((d) => d.streamBody);
  if (streamed.length)
    app.register(async (scope) => {
      // these routes read their own body as a stream, of any content type (JSON is not parsed)
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
      for (const def of streamed) addRoute(scope, auth, def, secureCookies);
    });
  for (const def of defs.filter((d) => !d.streamBody)) addRoute(app, auth, def, secureCookies);
}

/** One route: authenticate, authorise, check CSRF, validate, run, present. */
function addRoute(app: FastifyInstance, auth: Authenticator, def: RouteDef, secureCookies: boolean) {
  app.route({
    method: def.method,
    url: def.url,
    config: { access: def.access, def },
    handler: async (req, reply) => {
      const creds = credentials(req);
      const actor = def.access === 'public' && !creds.cookie && !creds.bearer ? null : await auth.resolve(creds);
      if (def.access !== 'public') authorize(def, actor);
      if (!def.noCsrf) checkCsrf(req, actor);
      if (actor?.kind === 'user' && actor.renewed) setSessionCookie(reply, req.cookies[SESSION_COOKIE]!, actor.expiresAt!, secureCookies);
      // a malformed request is 400 whatever it names; then a malformed id is NOT_FOUND like an unknown one
      const query = def.query ? parseOr400(def.query, req.query, 'query') : req.query;
      const body = def.streamBody ? req.body : def.body ? parseOr400(def.body, req.body, 'body') : undefined;
      const params = def.params ? parseParams(def, req.params) : req.params;
      const result = await def.handler({ actor, body, query, params, req, reply });
      if (def.raw) return result;
      reply.status(def.status ?? 200);
      return result;
    },
  });
}

/** The session cookie: httpOnly, same-site lax, expiring with the session (sent again as it slides). */
export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure, expires });
}

/** Malformed ids in the path are indistinguishable from unknown ones: NOT_FOUND. */
function parseParams(def: RouteDef, raw: unknown) {
  const r = def.params!.safeParse(raw);
  if (!r.success) throw new AppError('NOT_FOUND');
  return r.data;
}

export { SESSION_COOKIE };
