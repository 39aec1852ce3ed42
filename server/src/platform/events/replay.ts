import type { Queryable } from '../db/index.ts';
import { toStored } from './bus.ts';
import type { StoredEvent } from './types.ts';

/** Events committed out of id order are replayed within this window; clients drop duplicates by id. */
const LATE_COMMIT_WINDOW_SECONDS = 10;

export type Replay =
  | { kind: 'events'; events: StoredEvent[]; lastEventId: string }
  | { kind: 'resync'; reason: 'too-far-behind' | 'unknown-position'; lastEventId: string };

export async function currentEventId(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ id: string }>('select coalesce(max(id), 0)::text as id from events');
  return rows[0].id;
}

/** What a user missed after `after`; a resync when too much was missed or the position is unknown. */
export async function replayFor(q: Queryable, userId: string, after: string | undefined, limit: number): Promise<Replay> {
  const last = await currentEventId(q);
  if (after === undefined) return { kind: 'events', events: [], lastEventId: last };
  const horizon = (await q.query<{ p: string }>('select pruned_through::text as p from event_horizon where id = 1')).rows[0]?.p ?? '0';
  if (BigInt(after) > BigInt(last)) return { kind: 'resync', reason: 'unknown-position', lastEventId: last };
  if (BigInt(after) < BigInt(horizon)) return { kind: 'resync', reason: 'too-far-behind', lastEventId: last };
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
  const rows = [...late.rows, ...newer.rows];
  return { kind: 'events', events: rows.map(toStored), lastEventId: last };
}

/** Deletes events older than the retention and moves the horizon; clients behind it refetch. */
export async function pruneEvents(q: Queryable, retentionDays: number) {
  const { rows } = await q.query<{ id: string }>(
    `with gone as (delete from events where created_at < now() - make_interval(secs => $1) returning id)
     select coalesce(max(id), 0)::text as id from gone`,
    [retentionDays * 86400],
  );
  if (rows[0].id !== '0') await q.query('update event_horizon set pruned_through = greatest(pruned_through, $1) where id = 1', [rows[0].id]);
  return rows[0].id;
}
