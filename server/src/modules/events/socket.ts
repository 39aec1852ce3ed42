import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ClientFrame } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { announce, touch, watcher } from '../presence/index.ts';
import type { Authenticator } from '../../platform/http/actor.ts';
import { credentials, sameOrigin } from '../../platform/http/register.ts';
import { replayFor } from '../../platform/events/index.ts';
import { Connection } from '../../platform/realtime/index.ts';

export const EVENTS_WS_URL = '/api/v1/events/ws';
const Query = z.object({ after: z.string().regex(/^\d{1,19}$/).optional(), token: z.string().max(4096).optional() });

/**
 * The event stream: a person connects (cookie, or ?token= for widgets), gets what they missed
 * after ?after=, then live events. Close codes: 4400 bad query, 4401 not signed in, 4403 foreign origin.
 * The client may send `watch` frames (the people whose presence it shows); frames it cannot read are ignored.
 */
export function registerEventSocket(app: FastifyInstance, deps: Deps, auth: Authenticator) {
  app.get(EVENTS_WS_URL, { websocket: true, config: { access: 'person' } }, async (socket, req) => {
    // listen at once (a frame sent while the person is looked up would be lost); until then the
    // last frame waits, which is enough for `watch` (each replaces the one before)
    let early: ClientFrame | null = null;
    let onFrame: (f: ClientFrame) => void = (f) => {
      early = f;
    };
    socket.on('message', (data, binary) => {
      const f = binary ? null : parseFrame(String(data));
      if (f) onFrame(f);
    });
    const q = Query.safeParse(req.query);
    if (!q.success) return socket.close(4400, 'VALIDATION_FAILED');
    const creds = credentials(req);
    const actor = await auth.resolve({ cookie: q.data.token ? undefined : creds.cookie, bearer: creds.bearer, token: q.data.token }).catch(() => null);
    if (!actor || actor.kind !== 'user') return socket.close(4401, 'UNAUTHENTICATED');
    if (actor.via === 'session' && !sameOrigin(req.headers.origin, req.headers.host)) return socket.close(4403, 'CSRF_FAILED');
    // the client may have gone while we looked it up; a closed socket must not enter the hub
    if (socket.readyState !== socket.OPEN) return;

    const conn = new Connection(actor.userId, socket, { sessionId: actor.sessionId, expiresAt: actor.expiresAt }, actor.orgId);
    const wasOnline = deps.hub.isOnline(actor.userId);
    deps.hub.add(conn);
    onFrame = watcher(deps, conn);
    if (early) onFrame(early);
    deps.metrics.wsConnections.inc();
    if (!wasOnline) seen(deps, actor);
    socket.on('close', () => {
      deps.hub.remove(conn);
      deps.metrics.wsConnections.dec();
      if (!deps.hub.isOnline(actor.userId)) seen(deps, actor);
    });
    try {
      const r = await replayFor(deps.db, actor.userId, q.data.after, deps.config.eventsResumeLimit);
      if (r.kind === 'resync') {
        conn.frame({ kind: 'resync', reason: r.reason, lastEventId: r.lastEventId });
        conn.finishReplay([], r.lastEventId);
      } else conn.finishReplay(r.events, r.lastEventId);
    } catch (err) {
      req.log.error({ err }, 'event replay failed');
      socket.close(1011, 'INTERNAL');
    }
  });
}

/** Each person's presence writes, one after another (a socket opened and closed at once must not end "online"). */
const presenceWrites = new Map<string, Promise<void>>();

/**
 * Presence follows sockets: the first one makes a person online, the last one closing offline (in
 * this process). Writes for one person run in order, and each writes the state of the moment it
 * runs, so a quick close-and-reopen (or the reverse) ends in the right state.
 */
function seen(deps: Deps, actor: { userId: string; orgId: string }) {
  const next = (presenceWrites.get(actor.userId) ?? Promise.resolve()).then(async () => {
    try {
      await touch(deps.db, [actor.userId], deps.hub.isOnline(actor.userId));
      await announce(deps, actor.orgId, actor.userId);
    } catch (err) {
      deps.log.warn({ err }, 'presence update failed');
    }
  });
  presenceWrites.set(actor.userId, next);
  void next.then(() => presenceWrites.get(actor.userId) === next && presenceWrites.delete(actor.userId));
}

function parseFrame(raw: string): ClientFrame | null {
  try {
    const f = ClientFrame.safeParse(JSON.parse(raw));
    return f.success ? f.data : null;
  } catch {
    return null;
  }
}
