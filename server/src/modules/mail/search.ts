import type { MailSearchQuery } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { entryCursor, parseEntryCursor } from './cursor.ts';
import { presentSummary } from './present.ts';
import { ENTRY_SELECT, type EntryRow } from './store.ts';

/**
 * Searches the person's own entries: words in Russian, English or Polish (simple configuration)
 * over subject, sender, attachment names and body, with filters; newest first, paged.
 */
export async function searchMail(q: Queryable, actor: UserActor, f: MailSearchQuery) {
  const params: unknown[] = [actor.userId];
  const where = ['e.user_id = $1'];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('$?', `$${params.length}`));
  };
  // the Russian configuration stems Latin words with the English stemmer; simple keeps Polish as written
  // the owners column narrows the word's matches to the person's own mail inside the index
  if (f.q) {
    add(
      `e.message_id in (select x.message_id from mail_search x
        where x.search @@ (websearch_to_tsquery('russian', $?) || websearch_to_tsquery('simple', $?)) and x.owners @> array[mail_owner_key($1::uuid)])`,
      f.q,
    );
  }
  if (f.folderId) add('e.folder_id = $?', f.folderId);
  if (f.senderId) add('m.sender_id = $?', f.senderId);
  if (f.since) add('e.delivered_at >= $?', f.since);
  if (f.until) add('e.delivered_at < $?', f.until);
  if (f.hasAttachment) add('m.has_attachments = $?', f.hasAttachment === 'true');
  if (f.importance) add('m.importance = $?', f.importance);
  if (f.unread) add('e.seen = $?', f.unread !== 'true');
  const after = parseEntryCursor(f.cursor);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(e.delivered_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(f.limit + 1);
  const { rows } = await q.query<EntryRow>(`${ENTRY_SELECT} where ${where.join(' and ')} order by e.delivered_at desc, e.id desc limit $${params.length}`, params);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(presentSummary),
    nextCursor: more && last ? entryCursor(last) : null,
  };
}
