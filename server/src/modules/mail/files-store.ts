import type { Attachment } from '@mailroom/contract';
import type { Queryable } from '../../platform/db/index.ts';

export interface FileRow { id: string; sha256: string; size: string | number; filename: string; content_type: string }

export async function insertUpload(q: Queryable, u: { userId: string; sha256: string; size: number; filename: string; contentType: string }) {
  const { rows } = await q.query<{ id: string }>(
    'insert into mail_uploads (user_id, sha256, size, filename, content_type) values ($1, $2, $3, $4, $5) returning id',
    [u.userId, u.sha256, u.size, u.filename, u.contentType],
  );
  return rows[0].id;
}

export async function uploadsOf(q: Queryable, userId: string, ids: string[]) {
  const { rows } = await q.query<FileRow>('select id, sha256, size, filename, content_type from mail_uploads where user_id = $1 and id = any($2::uuid[])', [userId, ids]);
  return rows;
}

/** Attachments of messages the person has in their mailbox (to forward them). */
export async function attachmentsReachable(q: Queryable, userId: string, ids: string[]) {
  const { rows } = await q.query<FileRow>(
    `select a.id, a.sha256, a.size, a.filename, a.content_type from mail_attachments a
      where a.id = any($2::uuid[]) and exists (select 1 from mail_entries e where e.message_id = a.message_id and e.user_id = $1)`,
    [userId, ids],
  );
  return rows;
}

export async function replaceAttachments(q: Queryable, messageId: string, files: FileRow[]) {
  await q.query('delete from mail_attachments where message_id = $1', [messageId]);
  if (files.length)
    await q.query(
      `insert into mail_attachments (message_id, sha256, size, filename, content_type, position)
       select $1, s, z, f, c, p from unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::int[]) as t(s, z, f, c, p)`,
      [messageId, files.map((f) => f.sha256), files.map((f) => Number(f.size)), files.map((f) => f.filename), files.map((f) => f.content_type), files.map((_, i) => i)],
    );
  await q.query('update mail_messages set has_attachments = $2 where id = $1', [messageId, files.length > 0]);
}

export async function attachmentsOf(q: Queryable, messageIds: string[]): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  if (!messageIds.length) return out;
  const { rows } = await q.query<FileRow & { message_id: string }>(
    'select id, message_id, sha256, size, filename, content_type from mail_attachments where message_id = any($1::uuid[]) order by position',
    [messageIds],
  );
  for (const r of rows) {
    const list = out.get(r.message_id) ?? [];
    list.push({ id: r.id, filename: r.filename, size: Number(r.size), contentType: r.content_type });
    out.set(r.message_id, list);
  }
  return out;
}

export async function attachmentOfMessage(q: Queryable, messageId: string, attachmentId: string) {
  const { rows } = await q.query<FileRow>('select id, sha256, size, filename, content_type from mail_attachments where id = $1 and message_id = $2', [attachmentId, messageId]);
  return rows[0] ?? null;
}

/**
 * The search document of a message: subject, sender, attachment names and body, in the Russian
 * configuration. It stems Cyrillic words and names ("Петрова" finds "Петров") and plain Latin ones
 * with the English stemmer, and keeps words with other letters (Polish "zamówienie") as written; a
 * search is read the same way, so an exact word always finds itself. Only stop words ("the", "и")
 * are not indexed. The owners (a key per person holding an entry) are taken from the entries, so
 * call it after the message has reached every mailbox. `doc` is the document made ahead by
 * `buildSearchDocs` (mail taken in bulk), in place of the one made here.
 */
export async function refreshSearch(q: Queryable, messageId: string, doc?: string) {
  await q.query(
    `insert into mail_search (message_id, search, owners, at, outside)
     select m.id,
        case when $2::text is not null then $2::tsvector else
        setweight(to_tsvector('russian', m.subject), 'A')
     || setweight(to_tsvector('russian', coalesce(s.name, m.from_name, '') || ' ' || coalesce(s.email, m.from_address, '') || ' ' || coalesce(f.names, '')), 'B')
     || setweight(to_tsvector('russian', left(m.body_text, 200000)), 'D') end,
        array(select distinct mail_owner_key(e.user_id) from mail_entries e where e.message_id = $1),
        coalesce((select max(e.delivered_at) from mail_entries e where e.message_id = $1), now()),
        m.account_id is not null
       from mail_messages m
       left join users s on s.id = m.sender_id
       left join (select string_agg(regexp_replace(filename, '[._\\-]+', ' ', 'g'), ' ') as names from mail_attachments where message_id = $1) f on true
      where m.id = $1
     on conflict (message_id) do update set search = excluded.search, owners = excluded.owners, at = excluded.at`,
    [messageId, doc ?? null],
  );
}
