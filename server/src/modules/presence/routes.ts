import { z } from 'zod';
import { Id, PresenceInput, PresenceStatus } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { contactsOf, presenceOf, shownStatus } from './store.ts';

const tag = 'presence';
const me = (a: unknown) => a as UserActor;
const Presence = z.object({ userId: Id, status: PresenceStatus });
const Mine = z.object({ status: z.enum(['available', 'away', 'dnd']), awayMinutes: z.number().int(), sound: z.boolean() });

/**
 * Tells a new status, as a passing signal, to the person's contacts (people they share a group or
 * dialog with) and to every socket that watches them (their presence is on someone's screen).
 */
export async function announce(deps: Pick<Deps, 'db' | 'bus'>, orgId: string, userId: string) {
  const [row] = await presenceOf(deps.db, orgId, [userId]);
  if (!row) return;
  const payload = { userId, status: shownStatus(row) };
  await deps.bus.signal({ orgId, type: 'presence.changed', payload, userIds: await contactsOf(deps.db, userId), watched: userId });
}

/** Presence: available, away (also set by the client after inactivity), do not disturb; offline is having no socket. */
export function presenceRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/presence', access: 'person', tag, summary: 'The presence of people (up to 500 ids, comma-separated)',
      query: z.object({ userIds: z.string().max(500 * 37).transform((s) => s.split(',').filter(Boolean)).pipe(z.array(Id).max(500)) }),
      response: z.object({ items: z.array(Presence) }),
      handler: async ({ actor, query }) => ({ items: (await presenceOf(deps.db, me(actor).orgId, query.userIds)).map((r) => ({ userId: r.user_id, status: shownStatus(r) })) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/presence/me', access: 'person', tag, summary: 'My status and settings (minutes before "away", sounds)', response: Mine,
      handler: async ({ actor }) => {
        const [r] = await presenceOf(deps.db, me(actor).orgId, [me(actor).userId]);
        return { status: r.status, awayMinutes: r.away_minutes, sound: r.sound };
      },
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/presence/me', access: 'person', tag, summary: 'Set my status (available, away, do not disturb) and settings',
      body: PresenceInput.extend({ awayMinutes: z.number().int().min(1).max(240).optional(), sound: z.boolean().optional() }).strict(), response: Mine,
      example: { status: 'dnd' },
      handler: async ({ actor, body }) => {
        const a = me(actor);
        await deps.db.query(
          `insert into presence (user_id, status, away_minutes, sound, updated_at) values ($1, $2, coalesce($3, 10), coalesce($4, true), now())
           on conflict (user_id) do update set status = excluded.status, away_minutes = coalesce($3, presence.away_minutes), sound = coalesce($4, presence.sound), updated_at = now()`,
          [a.userId, body.status, body.awayMinutes ?? null, body.sound ?? null],
        );
        await announce(deps, a.orgId, a.userId);
        const [r] = await presenceOf(deps.db, a.orgId, [a.userId]);
        return { status: r.status, awayMinutes: r.away_minutes, sound: r.sound };
      },
    }),
  ];
}
