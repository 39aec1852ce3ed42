import { z } from 'zod';
import { EventsSince } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import { presentEvent, replayFor } from '../../platform/events/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';

const Query = z.object({ after: z.string().regex(/^\d{1,19}$/, 'An event id (digits)').optional() });

/** Polling fallback for clients whose socket is down: the same replay the socket does. */
export function eventRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/events', access: 'person', tag: 'events', summary: 'Events after an id (polling when the WebSocket is down)',
      query: Query, response: EventsSince,
      handler: async ({ actor, query }) => {
        const r = await replayFor(deps.db, (actor as UserActor).userId, query.after, deps.config.eventsResumeLimit);
        return r.kind === 'resync'
          ? { events: [], lastEventId: r.lastEventId, resync: true }
          : { events: r.events.map(presentEvent), lastEventId: r.lastEventId, resync: false };
      },
    }),
  ];
}
