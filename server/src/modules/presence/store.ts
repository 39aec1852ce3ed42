import type { PresenceStatus } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';

/** A socket seen within this long counts as online (processes refresh every 30 s). */
export const ONLINE_SECONDS = 75;

export interface PresenceRow { user_id: string; status: 'available' | 'away' | 'dnd'; away_minutes: number; sound: boolean; online: boolean }

/** Marks people as seen now (a socket is open), or as gone (their last socket here closed). */
export async function touch(q: Queryable, userIds: string[], online: boolean) {
  if (!userIds.length) return;
  await q.query(
    `insert into presence (user_id, seen_at) select u, case when $2 then now() end from unnest($1::uuid[]) u
     on conflict (user_id) do update set seen_at = excluded.seen_at`,
    [userIds, online],
  );
}

export async function presenceOf(q: Queryable, orgId: string, userIds: string[]) {
  const { rows } = await q.query<PresenceRow>(
    `select u.id as user_id, coalesce(p.status, 'available') as status, coalesce(p.away_minutes, 10) as away_minutes, coalesce(p.sound, true) as sound,
            coalesce(p.seen_at > now() - make_interval(secs => $3), false) as online
       from users u left join presence p on p.user_id = u.id where u.org_id = $1 and u.id = any($2::uuid[])`,
    [orgId, userIds, ONLINE_SECONDS],
  );
  return rows;
}

/** What others see: offline without a socket, otherwise the status the person set (or the client set after inactivity). */
export const shownStatus = (r: PresenceRow): PresenceStatus => (r.online ? r.status : 'offline');

/** People who share a group or direct discussion with the person: they are told when the status changes. */
export async function contactsOf(q: Queryable, userId: string) {
  const { rows } = await q.query<{ user_id: string }>(
    `select distinct m2.user_id from discussion_members m1 join discussion_members m2 on m2.discussion_id = m1.discussion_id
      where m1.user_id = $1 and m2.user_id <> $1 limit 2000`,
    [userId],
  );
  return rows.map((r) => r.user_id);
}

/** Of these ids, the people of the organisation (who may be watched by its people). */
export async function sameOrg(q: Queryable, orgId: string, userIds: string[]) {
  if (!userIds.length) return [];
  const { rows } = await q.query<{ id: string }>('select id from users where org_id = $1 and id = any($2::uuid[])', [orgId, userIds]);
  return rows.map((r) => r.id);
}
