import { internalEventTypes } from '@mailroom/contract';
import type { Queryable } from '../db/index.ts';
import { toStored } from './bus.ts';
import type { StoredEvent } from './types.ts';

/** Events committed out of id order are replayed within this window; clients drop duplicates by id. */
const LATE_COMMIT_WINDOW_SECONDS = 10;

export type Replay =
  | { kind: 'events'; events: StoredEvent[]; lastEventId: string }
  | { kind: 'resync'; reason: 'too-far-behind' | 'unknown-position'; lastEventId: string };

/** The newest event id, never below the prune horizon (a quiet server may have pruned everything). */
export async function currentEventId(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    'select greatest(coalesce((select max(id) from events), 0), (select pruned_through from event_horizon where id = 1))::text as id',
  );
  return rows[0].id;
}

const horizonOf = async (q: Queryable) =>
  (await q.query<{ p: string }>('select pruned_through::text as p from event_horizon where id = 1')).rows[0]?.p ?? '0';

/** What a user missed after `after`; a resync when too much was missed or the position is unknown. */
export async function replayFor(q: Queryable, userId: string, after: string | undefined, limit: number): Promise<Replay> {
  const last = await currentEventId(q);
  if (after === undefined) return { kind: 'events', events: [], lastEventId: last };
  if (BigInt(after) > BigInt(last)) return { kind: 'resync', reason: 'unknown-position', lastEventId: last };
  type Row = Parameters<typeof toStored>[0];
  const cols = 'id, org_id, type, payload, user_ids, created_at';
  const newer = await q.query<Row>(
    `select ${cols} from events where user_ids @> array[$1]::uuid[] and id > $2 order by id limit $3`,
    [userId, after, limit + 1],
  );
  if (newer.rows.length > limit) return { kind: 'resync', reason: 'too-far-behind', lastEventId: last };
  const late = await q.query<Row>(
    `select ${cols} from events where user_ids @> array[$1]::uuid[] and id <= $2 and id > $2::bigint - 1000
        and created_at > now() - make_interval(secs => $3) order by id`,
    [userId, after, LATE_COMMIT_WINDOW_SECONDS],
  );
  // checked after reading: a prune that ran meanwhile may have taken events this replay needed
  if (BigInt(after) < BigInt(await horizonOf(q))) return { kind: 'resync', reason: 'too-far-behind', lastEventId: last };
  const rows = [...late.rows, ...newer.rows].filter((r) => !internalEventTypes.includes(r.type));
  return { kind: 'events', events: rows.map(toStored), lastEventId: last };
}

/** Deletes events older than the retention and moves the horizon; clients behind it refetch. */
export async function pruneEvents(q: Queryable, retentionDays: number) {
  // one statement: the deletion and the horizon move become visible together
  const { rows } = await q.query<{ id: string }>(
    `with gone as (delete from events where created_at < now() - make_interval(secs => $1) returning id)
     update event_horizon set pruned_through = greatest(pruned_through, coalesce((select max(id) from gone), 0))
      where id = 1 returning pruned_through::text as id`,
    [retentionDays * 86400],
  );
  return rows[0].id;
}
