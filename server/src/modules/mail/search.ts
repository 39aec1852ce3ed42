import type { MailSearchQuery } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { entryCursor, parseEntryCursor } from './cursor.ts';
import { presentSummary } from './present.ts';
import { ENTRY_SELECT, type EntryRow } from './store.ts';

// documents and searches are read with the Russian configuration (see refreshSearch); the owners
// column narrows the word's matches to the person's own mail inside the index
const MATCH = `x.search @@ websearch_to_tsquery('russian', $2) and x.owners @> array[mail_owner_key($1::uuid)]`;
/** The word's matches among the person's messages, through both indexes (internal mail, mail from outside). */
const HITS = (cols: string) =>
  `select ${cols} from mail_search x where ${MATCH} and not x.outside union all select ${cols} from mail_search x where ${MATCH} and x.outside`;

/**
 * Searches the person's own entries: words in Russian, English or Polish (the Russian
 * configuration, as `refreshSearch` indexes them) over subject, sender, attachment names and body, with
 * filters; newest first, paged.
 */
export async function searchMail(q: Queryable, actor: UserActor, f: MailSearchQuery) {
  const rows = (f.q && !f.cursor && (await newestMatches(q, actor, f))) || (await allMatches(q, actor, f));
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(presentSummary),
    nextCursor: more && last ? entryCursor(last) : null,
  };
}

/** The filters on entries and messages, as SQL over `e` and `m`, their values appended to params. */
function filters(f: MailSearchQuery, params: unknown[]) {
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('$?', `$${params.length}`));
  };
  if (f.folderId) add('e.folder_id = $?', f.folderId);
  if (f.senderId) add('m.sender_id = $?', f.senderId);
  if (f.since) add('e.delivered_at >= $?', f.since);
  if (f.until) add('e.delivered_at < $?', f.until);
  if (f.hasAttachment) add('m.has_attachments = $?', f.hasAttachment === 'true');
  if (f.importance) add('m.importance = $?', f.importance);
  if (f.unread) add('e.seen = $?', f.unread !== 'true');
  return where;
}

/**
 * The first page of a word search, cheaply: the word's newest matching messages by `at` (no
 * entry is newer than its message's `at`), then the person's entries of just those. When the
 * candidates run out before the page is full of entries newer than the last candidate,
 * the answer is not certain and the caller searches everything (null).
 */
async function newestMatches(q: Queryable, actor: UserActor, f: MailSearchQuery): Promise<EntryRow[] | null> {
  const take = (f.limit + 1) * 2;
  const { rows: hits } = await q.query<{ message_id: string; at: Date }>(
    `select message_id, at from (${HITS('x.message_id, x.at')}) h order by at desc limit $3`,
    [actor.userId, f.q, take + 1],
  );
  const complete = hits.length <= take;
  const used = hits.slice(0, take);
  if (!used.length) return [];
  const params: unknown[] = [actor.userId, used.map((h) => h.message_id)];
  const where = ['e.user_id = $1', 'e.message_id = any($2::uuid[])', ...filters(f, params)];
  params.push(f.limit + 1);
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where ${where.join(' and ')} order by e.delivered_at desc, e.id desc limit $${params.length}`, params);
  if (complete) return rows;
  const floor = new Date(used[used.length - 1].at).getTime();
  // strictly newer: a message left out may share the last candidate's time
  const sure = rows.filter((r) => new Date(r.delivered_at).getTime() > floor);
  return sure.length > f.limit ? sure : null;
}

/** Any page: the person's entries whose message has the word, with the filters. */
async function allMatches(q: Queryable, actor: UserActor, f: MailSearchQuery): Promise<EntryRow[]> {
  const params: unknown[] = f.q ? [actor.userId, f.q] : [actor.userId];
  const where = ['e.user_id = $1'];
  if (f.q) where.push(`e.message_id in (${HITS('x.message_id')})`);
  where.push(...filters(f, params));
  const after = parseEntryCursor(f.cursor);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(e.delivered_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(f.limit + 1);
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where ${where.join(' and ')} order by e.delivered_at desc, e.id desc limit $${params.length}`, params);
  return rows;
}
